package io.moraine.kube.model;

import java.time.Instant;

/**
 * A PersistentVolumeClaim: requested and bound storage in bytes (NaN when unknown), its class, its
 * phase ({@code Pending}, {@code Bound}, {@code Lost}) and the bound volume's name.
 */
public record PvcInfo(
    ObjectRef ref,
    String storageClassName,
    double requestedBytes,
    double capacityBytes,
    String phase,
    String volumeName,
    Instant createdAt) {}
