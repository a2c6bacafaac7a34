package io.moraine.kube.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A node as last seen.
 *
 * @param conditions each condition's type ({@code Ready}, {@code MemoryPressure}...) to its status
 *     ({@code True}, {@code False}, {@code Unknown})
 * @param readySince the Ready condition's lastTransitionTime, or null
 * @param internalIp the first InternalIP address, empty when none
 * @param gpuCount the allocatable {@code nvidia.com/gpu} (or {@code amd.com/gpu}) count, 0 when
 *     none
 * @param gpuModel the {@code nvidia.com/gpu.product} label, empty when unknown
 * @param nicSpeedBitsPerSecond the NIC speed when a label or annotation gives it, else NaN
 * @param podCidr {@code spec.podCIDR}, empty when none
 * @param systemUuid {@code status.nodeInfo.systemUUID}, empty when unknown
 */
public record NodeInfo(
    ObjectRef ref,
    Map<String, String> labels,
    Map<String, String> annotations,
    Resources capacity,
    Resources allocatable,
    String architecture,
    String operatingSystem,
    String osImage,
    String kernelVersion,
    String kubeletVersion,
    String containerRuntimeVersion,
    String internalIp,
    String providerId,
    boolean unschedulable,
    Map<String, String> conditions,
    @Nullable Instant readySince,
    int gpuCount,
    String gpuModel,
    double nicSpeedBitsPerSecond,
    Instant createdAt,
    @Nullable Instant deletedAt,
    String podCidr,
    String systemUuid) {

  /** The form before {@code podCidr} and {@code systemUuid}: both are empty. */
  public NodeInfo(
      ObjectRef ref,
      Map<String, String> labels,
      Map<String, String> annotations,
      Resources capacity,
      Resources allocatable,
      String architecture,
      String operatingSystem,
      String osImage,
      String kernelVersion,
      String kubeletVersion,
      String containerRuntimeVersion,
      String internalIp,
      String providerId,
      boolean unschedulable,
      Map<String, String> conditions,
      @Nullable Instant readySince,
      int gpuCount,
      String gpuModel,
      double nicSpeedBitsPerSecond,
      Instant createdAt,
      @Nullable Instant deletedAt) {
    this(
        ref,
        labels,
        annotations,
        capacity,
        allocatable,
        architecture,
        operatingSystem,
        osImage,
        kernelVersion,
        kubeletVersion,
        containerRuntimeVersion,
        internalIp,
        providerId,
        unschedulable,
        conditions,
        readySince,
        gpuCount,
        gpuModel,
        nicSpeedBitsPerSecond,
        createdAt,
        deletedAt,
        "",
        "");
  }

  /** The Ready condition's status, {@code Unknown} when the node reports none. */
  public String ready() {
    return conditions.getOrDefault("Ready", "Unknown");
  }
}
