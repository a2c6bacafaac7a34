package io.moraine.kube.model;

import java.time.Instant;

/**
 * A Kubernetes Event Moraine keeps (OOMKilled, Evicted, FailedScheduling, BackOff, Killing...).
 *
 * @param involved the object it is about
 * @param type {@code Normal} or {@code Warning}
 * @param at its last occurrence (lastTimestamp, eventTime, or creation)
 */
public record EventInfo(
    ObjectRef ref,
    ObjectRef involved,
    String type,
    String reason,
    String message,
    int count,
    Instant at) {}
