package io.moraine.server.scrape;

import io.moraine.core.discovery.Discoverer;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.ingest.discovery.DiscoveryMetrics;
import io.moraine.ingest.discovery.FileDiscoverer;
import io.moraine.ingest.discovery.FileDiscoveryOptions;
import io.moraine.ingest.discovery.HttpDiscoverer;
import io.moraine.ingest.discovery.HttpDiscoveryOptions;
import io.moraine.ingest.discovery.StaticDiscoverer;
import io.moraine.kube.discovery.KubernetesDiscoveryMetrics;
import io.moraine.server.config.HttpSdConfig;
import io.moraine.server.config.KubernetesSdConfig;
import io.moraine.server.config.ScrapeConfig;
import io.moraine.server.tls.TlsContexts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * Runs the service discovery sections of prometheus.yml ({@code static_configs}, {@code
 * file_sd_configs}, {@code http_sd_configs}, {@code kubernetes_sd_configs}) for a scrape job or an
 * Alertmanager set. Stateless; the discoverers it starts belong to the caller, who closes them.
 */
public final class TargetDiscovery {
  private TargetDiscovery() {}

  /**
   * The discovery self-metrics, registered once per registry and shared by scraping and alerting.
   */
  public record Metrics(DiscoveryMetrics discovery, KubernetesDiscoveryMetrics kubernetes) {
    /** Registers the metrics in {@code registry} (once per registry). */
    public static Metrics register(MetricRegistry registry) {
      return new Metrics(new DiscoveryMetrics(registry), new KubernetesDiscoveryMetrics(registry));
    }
  }

  /**
   * Starts every discoverer of {@code d}. Each reports to {@code updates} with its groups' sources
   * prefixed by its index ({@code 0/}, {@code 1/}, ...) so that the discoverers of one owner never
   * replace each other's groups. A Kubernetes discoverer that cannot be created is logged and left
   * out, as Prometheus does. {@code updates} may be called from several threads at once.
   *
   * @param owner the job or set name, for logs
   * @return the started discoverers, to be closed by the caller
   * @throws IOException when a credentials file cannot be read
   */
  public static List<Discoverer> start(
      ScrapeConfig.Discovery d,
      String owner,
      Clock clock,
      String version,
      Metrics metrics,
      Consumer<List<TargetGroup>> updates)
      throws IOException {
    List<Discoverer> ds = create(d, owner, clock, version, metrics);
    startAll(ds, updates);
    return ds;
  }

  /**
   * Creates, without starting, every discoverer of {@code d}; on failure closes those already
   * created. A reload builds these first and starts them only once the whole new configuration has
   * been built.
   *
   * @throws IOException when a credentials or TLS file cannot be read
   */
  static List<Discoverer> create(
      ScrapeConfig.Discovery d, String owner, Clock clock, String version, Metrics metrics)
      throws IOException {
    List<Discoverer> ds = new ArrayList<>();
    try {
      create(d, owner, version, clock, metrics, ds);
    } catch (IOException | RuntimeException e) {
      ds.forEach(Discoverer::close);
      throw e;
    }
    return ds;
  }

  /** Starts {@code ds} (made by {@link #create}), their sources prefixed by their index. */
  static void startAll(List<Discoverer> ds, Consumer<List<TargetGroup>> updates) {
    for (int i = 0; i < ds.size(); i++) {
      ds.get(i).start(prefixed(updates, i + "/"));
    }
  }

  private static void create(
      ScrapeConfig.Discovery d,
      String owner,
      String version,
      Clock clock,
      Metrics metrics,
      List<Discoverer> ds)
      throws IOException {
    if (!d.staticConfigs().isEmpty()) {
      ds.add(new StaticDiscoverer(d.staticConfigs()));
    }
    for (FileDiscoveryOptions f : d.fileSdConfigs()) {
      ds.add(new FileDiscoverer(f, clock, metrics.discovery()));
    }
    for (HttpSdConfig h : d.httpSdConfigs()) {
      ds.add(new HttpDiscoverer(httpOptions(h, owner), clock, metrics.discovery()));
    }
    for (KubernetesSdConfig k : d.kubernetesSdConfigs()) {
      Discoverer kd = KubernetesSd.create(k, owner, version, metrics.kubernetes());
      if (kd != null) {
        ds.add(kd);
      }
    }
  }

  private static HttpDiscoveryOptions httpOptions(HttpSdConfig h, String owner) throws IOException {
    SSLContext tls;
    try {
      tls = TlsContexts.of(h.httpClient().tls());
    } catch (IOException e) {
      throw new IOException(owner + ": http_sd_configs " + h.url() + ": " + e.getMessage(), e);
    }
    return h.options().withSslContext(tls);
  }

  private static Consumer<List<TargetGroup>> prefixed(
      Consumer<List<TargetGroup>> updates, String prefix) {
    return groups -> {
      List<TargetGroup> renamed = new ArrayList<>(groups.size());
      for (TargetGroup g : groups) {
        renamed.add(new TargetGroup(prefix + g.source(), g.targets(), g.labels()));
      }
      updates.accept(renamed);
    };
  }
}
