package io.moraine.kube.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One container of a pod (app or init) with its spec and its last known status.
 *
 * @param state {@code waiting}, {@code running} or {@code terminated} (Kubernetes' container
 *     states); {@code waiting} before the kubelet reports any
 * @param reason the state's reason ({@code CrashLoopBackOff}, {@code OOMKilled}, {@code
 *     Completed}...), empty when none
 * @param containerId the runtime's id ({@code containerd://...}), empty until started
 * @param exitCode the terminated state's exit code, or null
 * @param lastTerminationReason the reason of the previous termination (lastState), empty when none
 */
public record ContainerInfo(
    String name,
    String image,
    boolean init,
    Resources requests,
    Resources limits,
    String containerId,
    String state,
    String reason,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    int restartCount,
    @Nullable Integer exitCode,
    String lastTerminationReason) {}
