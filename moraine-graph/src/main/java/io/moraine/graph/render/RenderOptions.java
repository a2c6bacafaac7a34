package io.moraine.graph.render;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How {@link MoraineRenderer} names things and where it points consumers. Immutable.
 *
 * @param site the site's name (any text; percent-encoded where it enters an IRI)
 * @param baseIri the base of every IRI, with {@code {site}} replaced by the encoded site name; must
 *     end in {@code /}
 * @param serverUrl this server's URL, shown as the site's URL (ends in {@code /})
 * @param prometheusQueryUrl the Prometheus instant-query endpoint the metrics datasets name
 * @param lokiQueryUrl the Loki range-query endpoint the logs datasets name
 * @param metricsDashboard a URL template for one PromQL expression, {@code {expr}} replaced by the
 *     expression form-encoded (the server's {@code /graph?g0.expr=}, or a Grafana explore link)
 * @param logsDashboard a URL template for one LogQL expression, {@code {expr}} replaced likewise
 * @param nodeLabel the label that names the node on node-level series (node_exporter, Kepler node
 *     counters, DCGM)
 */
public record RenderOptions(
    String site,
    String baseIri,
    String serverUrl,
    String prometheusQueryUrl,
    String lokiQueryUrl,
    String metricsDashboard,
    String logsDashboard,
    String nodeLabel) {

  /** The base IRI template used when none is configured. */
  public static final String DEFAULT_BASE = "https://moraine.local/site/{site}/";

  /** The server address used when none is configured. */
  public static final String DEFAULT_SERVER = "http://127.0.0.1:9700/";

  public RenderOptions {
    Objects.requireNonNull(site, "site");
    if (site.isEmpty()) {
      throw new IllegalArgumentException("site name is empty");
    }
    baseIri = baseIri.replace("{site}", Iris.segment(site));
    if (!baseIri.endsWith("/") && !baseIri.endsWith("#")) {
      throw new IllegalArgumentException("base IRI must end in / or #: " + baseIri);
    }
    if (!metricsDashboard.contains("{expr}") || !logsDashboard.contains("{expr}")) {
      throw new IllegalArgumentException("dashboard templates must contain {expr}");
    }
    if (nodeLabel.isEmpty()) {
      throw new IllegalArgumentException("node label is empty");
    }
  }

  /** The defaults for {@code site}, served by this server at {@link #DEFAULT_SERVER}. */
  public static RenderOptions defaults(String site) {
    return forServer(site, DEFAULT_SERVER);
  }

  /**
   * The defaults for {@code site} with every endpoint under {@code serverUrl}: {@code
   * api/v1/query}, {@code loki/api/v1/query_range}, {@code graph?g0.expr=} and {@code logs?query=}.
   */
  public static RenderOptions forServer(String site, String serverUrl) {
    String s = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
    return new RenderOptions(
        site,
        DEFAULT_BASE,
        s,
        s + "api/v1/query",
        s + "loki/api/v1/query_range",
        s + "graph?g0.expr={expr}",
        s + "logs?query={expr}",
        "node");
  }

  /** These options with another base IRI template. */
  public RenderOptions withBaseIri(String template) {
    return new RenderOptions(
        site,
        template,
        serverUrl,
        prometheusQueryUrl,
        lokiQueryUrl,
        metricsDashboard,
        logsDashboard,
        nodeLabel);
  }

  /** These options with other dashboard templates (each with {@code {expr}}). */
  public RenderOptions withDashboards(String metrics, String logs) {
    return new RenderOptions(
        site, baseIri, serverUrl, prometheusQueryUrl, lokiQueryUrl, metrics, logs, nodeLabel);
  }

  String metricsDashboardFor(String promql) {
    return metricsDashboard.replace("{expr}", form(promql));
  }

  String logsDashboardFor(String logql) {
    return logsDashboard.replace("{expr}", form(logql));
  }

  private static String form(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
