package io.moraine.server.config;

import io.moraine.ingest.relabel.RelabelConfig;
import java.util.List;

/**
 * The {@code alerting} section of prometheus.yml, as Prometheus 2.42 reads it. Immutable.
 *
 * @param alertRelabelConfigs {@code alert_relabel_configs}, applied to every alert after the
 *     external labels
 * @param alertmanagers {@code alertmanagers}, in file order; entry {@code i} is named {@code
 *     config-i}
 */
public record AlertingConfig(
    List<RelabelConfig> alertRelabelConfigs, List<AlertmanagerConfig> alertmanagers) {
  /** No relabeling, no Alertmanagers. */
  public static final AlertingConfig DEFAULT = new AlertingConfig(List.of(), List.of());

  public AlertingConfig {
    alertRelabelConfigs = List.copyOf(alertRelabelConfigs);
    alertmanagers = List.copyOf(alertmanagers);
  }
}
