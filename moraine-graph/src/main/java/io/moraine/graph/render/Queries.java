package io.moraine.graph.render;

import io.moraine.graph.render.GraphRenderer.Telemetry;
import io.moraine.kube.model.ObjectRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The PromQL and LogQL that select one object's data, over the agent's series and stream names:
 * cAdvisor and Kepler container counters and DCGM for pods (a workload's pods by namespace and a
 * name pattern), node_exporter, Kepler node counters and DCGM for nodes, all nodes for the site.
 * Immutable; thread-safe.
 *
 * @param metricMatchers matchers for cAdvisor and DCGM series ({@code namespace}, {@code pod}) or
 *     node series ({@code node}); empty for the whole site
 * @param keplerMatchers matchers for Kepler's container series ({@code container_namespace}, {@code
 *     pod_name}); for nodes and the site the same as {@code metricMatchers}
 * @param logSelector the LogQL stream selector
 * @param podLevel true for pods and workloads (container series), false for nodes and the site
 */
record Queries(String metricMatchers, String keplerMatchers, String logSelector, boolean podLevel) {

  /**
   * The window of every {@code rate}: at the default 15 s scrape it spans 20 samples and at a 1 m
   * scrape still 5, so one missed scrape does not empty the result.
   */
  static final String RATE_WINDOW = "5m";

  private static final String FS_TYPES = "fstype!~\"tmpfs|overlay|squashfs\"";

  /** The queries for a workload's or a pod's pods, or null for kinds without telemetry. */
  static Queries forPods(ObjectRef ref) {
    String ns = quote(ref.namespace());
    String podMatcher =
        ref.kind().equals("Pod") ? "=" + quote(ref.name()) : "=~" + quote(podPattern(ref));
    return new Queries(
        "namespace=" + ns + ",pod" + podMatcher,
        "container_namespace=" + ns + ",pod_name" + podMatcher,
        "{namespace=" + ns + ", pod" + podMatcher + "}",
        true);
  }

  static Queries forNode(String nodeName, String nodeLabel) {
    String m = nodeLabel + "=" + quote(nodeName);
    return new Queries(m, m, "{node=" + quote(nodeName) + "}", false);
  }

  static Queries forSite() {
    return new Queries("", "", "{node=~\".+\"}", false);
  }

  /**
   * The regular expression the names of {@code ref}'s pods match, from the way each controller
   * names them: Deployment {@code web} → {@code web-<template hash>-<suffix>}, ReplicaSet → {@code
   * <rs>-<suffix>}, StatefulSet → {@code <name>-<ordinal>}, DaemonSet → {@code <name>-<suffix>},
   * Job → {@code <name>[-<index>]-<suffix>}, CronJob → its Jobs' {@code <name>-<minutes>} pods.
   */
  static String podPattern(ObjectRef ref) {
    String n = ref.name().replace(".", "\\.");
    return switch (ref.kind()) {
      case "Deployment" -> n + "-[a-z0-9]+-[a-z0-9]+";
      case "ReplicaSet", "DaemonSet" -> n + "-[a-z0-9]+";
      case "StatefulSet" -> n + "-[0-9]+";
      case "Job" -> n + "-([0-9]+-)?[a-z0-9]+";
      case "CronJob" -> n + "-[0-9]+-([0-9]+-)?[a-z0-9]+";
      default -> throw new IllegalArgumentException("no pod pattern for kind " + ref.kind());
    };
  }

  /** The six metrics (cpu, memory, disk, network, energy, gpu), each summed over the scope. */
  List<Telemetry> metrics() {
    List<Telemetry> out = new ArrayList<>(6);
    if (podLevel) {
      String c = join(metricMatchers, "container!=\"\"");
      out.add(t("cpu", rate("container_cpu_usage_seconds_total" + sel(c)), Vocab.Unit.NUM));
      out.add(t("memory", sum("container_memory_working_set_bytes" + sel(c)), Vocab.Unit.BYTE));
      out.add(t("disk", sum("container_fs_usage_bytes" + sel(c)), Vocab.Unit.BYTE));
      out.add(
          t(
              "network",
              rate(nameRe("container_network_(receive|transmit)_bytes_total", metricMatchers)),
              Vocab.Unit.BYTE_PER_SEC));
      out.add(
          t(
              "energy",
              rate("kepler_container_joules_total" + sel(keplerMatchers)),
              Vocab.Unit.WATT));
    } else {
      String m = metricMatchers;
      out.add(
          t(
              "cpu",
              rate("node_cpu_seconds_total" + sel(join(m, "mode!=\"idle\""))),
              Vocab.Unit.NUM));
      out.add(
          t(
              "memory",
              sum(
                  "node_memory_MemTotal_bytes"
                      + sel(m)
                      + " - node_memory_MemAvailable_bytes"
                      + sel(m)),
              Vocab.Unit.BYTE));
      String fs = sel(join(m, FS_TYPES));
      out.add(
          t(
              "disk",
              sum("node_filesystem_size_bytes" + fs + " - node_filesystem_avail_bytes" + fs),
              Vocab.Unit.BYTE));
      out.add(
          t(
              "network",
              rate(
                  nameRe("node_network_(receive|transmit)_bytes_total", join(m, "device!=\"lo\""))),
              Vocab.Unit.BYTE_PER_SEC));
      out.add(
          t(
              "energy",
              rate(nameRe("kepler_node_(package|dram|other)_joules_total", m)),
              Vocab.Unit.WATT));
    }
    out.add(t("gpu", sum("DCGM_FI_DEV_GPU_UTIL" + sel(metricMatchers)), Vocab.Unit.PERCENT));
    return List.copyOf(out);
  }

  /** A selector of every series of the scope, for the dataset's dashboard link. */
  String allSeries() {
    return metricMatchers.isEmpty() ? "up" : "{" + metricMatchers + "}";
  }

  private static Telemetry t(String name, String promql, org.apache.jena.graph.Node unit) {
    return new Telemetry(name, promql, unit.getURI());
  }

  private static String rate(String selector) {
    return "sum(rate(" + selector + "[" + RATE_WINDOW + "]))";
  }

  private static String sum(String expr) {
    return "sum(" + expr + ")";
  }

  private static String nameRe(String re, String matchers) {
    return "{" + join("__name__=~" + quote(re), matchers) + "}";
  }

  private static String sel(String matchers) {
    return matchers.isEmpty() ? "" : "{" + matchers + "}";
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "," + b;
  }

  /** {@code s} as a double-quoted PromQL/LogQL string. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
