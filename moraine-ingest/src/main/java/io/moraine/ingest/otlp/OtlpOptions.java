package io.moraine.ingest.otlp;

/**
 * Options of the OTLP receiver.
 *
 * @param targetInfo whether each resource with attributes other than {@code service.name}, {@code
 *     service.namespace} and {@code service.instance.id} gets a {@code target_info} series (as
 *     Prometheus' translator does unless {@code DisableTargetInfo} is set)
 */
public record OtlpOptions(boolean targetInfo) {
  /** As Prometheus converts: {@code target_info} on. */
  public static final OtlpOptions DEFAULT = new OtlpOptions(true);
}
