package io.moraine.graph.legacy;

import io.moraine.graph.legacy.LegacyQuery.Aggregation;
import java.util.List;

/** The original exporter's default query catalogue with its unit and math errors corrected. */
final class LegacyQueries {
  private static final Aggregation AVG_5M = new Aggregation(300, "average");

  static final List<LegacyQuery> NODE =
      List.of(
          new LegacyQuery(
              "Energy.Usage",
              "",
              "Kepler",
              "Watt",
              "Energy.Usage",
              byLabel(
                  "sum by (exported_instance) (irate(kepler_node_platform_joules_total[5m]))",
                  "exported_instance"),
              null),
          new LegacyQuery(
              "Available",
              "CPU",
              "NodeExporter",
              "Core",
              "CPU.Available",
              byLabel("sum by (node) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))", "node"),
              AVG_5M),
          new LegacyQuery(
              "Available",
              "RAM",
              "NodeExporter",
              "bytes",
              "RAM.Available",
              byLabel("sum by (node) (node_memory_MemAvailable_bytes)", "node"),
              null),
          new LegacyQuery(
              "Available",
              "Storage",
              "k8s-ephemeral-storage-metrics",
              "bytes",
              "Storage.Available",
              byLabel("sum by (node_name) (ephemeral_storage_node_available)", "node_name"),
              null));

  static final List<LegacyQuery> POD =
      List.of(
          new LegacyQuery(
              "Usage",
              "Network",
              "cAdvisor",
              "BytesPerSecond",
              "Network.Usage",
              byPod(
                  "sum by (namespace, pod) (rate(container_network_receive_bytes_total[5m]))"
                      + " + sum by (namespace, pod)"
                      + " (rate(container_network_transmit_bytes_total[5m]))",
                  "namespace",
                  "pod"),
              AVG_5M),
          new LegacyQuery(
              "Usage",
              "Storage",
              "k8s-ephemeral-storage-metrics",
              "bytes",
              "Storage.Usage",
              byPod(
                  "sum by (pod_namespace, pod_name) (ephemeral_storage_pod_usage)",
                  "pod_namespace",
                  "pod_name"),
              null),
          new LegacyQuery(
              "Usage",
              "CPU",
              "cAdvisor",
              "Core",
              "CPU.Usage",
              byPod(
                  "sum by (namespace, pod)"
                      + " (rate(container_cpu_usage_seconds_total{container!=\"\"}[5m]))",
                  "namespace",
                  "pod"),
              AVG_5M),
          new LegacyQuery(
              "Usage",
              "RAM",
              "cAdvisor",
              "bytes",
              "RAM.Usage",
              byPod(
                  "sum by (namespace, pod) (container_memory_working_set_bytes{container!=\"\"})",
                  "namespace",
                  "pod"),
              null),
          new LegacyQuery(
              "Energy.Usage",
              "",
              "Kepler",
              "Watt",
              "Energy.Usage",
              byPod(
                  "sum by (container_namespace, pod_name) (irate(kepler_container_joules_total[5m]))",
                  "container_namespace",
                  "pod_name"),
              null));

  private LegacyQueries() {}

  private static String byLabel(String expr, String label) {
    return "label_replace(" + expr + ", \"resource\", \"$1\", \"" + label + "\", \"(.+)\")";
  }

  private static String byPod(String expr, String namespaceLabel, String podLabel) {
    return "label_join("
        + expr
        + ", \"resource\", \".\", \""
        + namespaceLabel
        + "\", \""
        + podLabel
        + "\")";
  }
}
