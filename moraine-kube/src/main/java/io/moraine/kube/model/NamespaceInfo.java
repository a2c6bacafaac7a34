package io.moraine.kube.model;

import java.time.Instant;
import java.util.Map;

/** A namespace: its labels, annotations and phase ({@code Active}, {@code Terminating}). */
public record NamespaceInfo(
    ObjectRef ref,
    Map<String, String> labels,
    Map<String, String> annotations,
    String phase,
    Instant createdAt) {}
