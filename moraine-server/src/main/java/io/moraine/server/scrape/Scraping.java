package io.moraine.server.scrape;

import io.moraine.core.discovery.Discoverer;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appendable;
import io.moraine.core.time.Clock;
import io.moraine.ingest.discovery.DiscoveryMetrics;
import io.moraine.ingest.discovery.FileDiscoverer;
import io.moraine.ingest.discovery.FileDiscoveryOptions;
import io.moraine.ingest.discovery.HttpDiscoverer;
import io.moraine.ingest.discovery.StaticDiscoverer;
import io.moraine.ingest.relabel.Relabeler;
import io.moraine.ingest.scrape.ExpositionParser;
import io.moraine.ingest.scrape.HttpScraper;
import io.moraine.ingest.scrape.ScrapeJob;
import io.moraine.ingest.scrape.ScrapeManager;
import io.moraine.ingest.scrape.ScrapeSchedule;
import io.moraine.ingest.scrape.ScrapedMetadata;
import io.moraine.ingest.scrape.TargetStatus;
import io.moraine.kube.discovery.KubernetesDiscoveryMetrics;
import io.moraine.server.config.HttpSdConfig;
import io.moraine.server.config.KubernetesSdConfig;
import io.moraine.server.config.ScrapeConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The server's scraping: one {@link ScrapeManager} for every {@code scrape_configs} job, fed by
 * each job's static, file, HTTP and Kubernetes discoverers. Thread-safe.
 */
public final class Scraping implements AutoCloseable {
  private final ScrapeManager manager;
  private final List<Discoverer> discoverers;

  private Scraping(ScrapeManager manager, List<Discoverer> discoverers) {
    this.manager = manager;
    this.discoverers = discoverers;
  }

  /**
   * Starts scraping {@code jobs} into {@code store}; {@code metadata} is told the metric metadata
   * targets expose.
   *
   * @throws IOException when a job's credentials file cannot be read
   */
  public static Scraping start(
      List<ScrapeConfig> jobs,
      Appendable store,
      Clock clock,
      MetricRegistry registry,
      Labels externalLabels,
      String version,
      Consumer<ScrapedMetadata> metadata)
      throws IOException {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    ScrapeManager manager =
        new ScrapeManager(
            store,
            new HttpScraper(client, "Moraine/" + version),
            ExpositionParser::new,
            clock,
            ScrapeSchedule.jitterSeed(hostname(), externalLabels),
            metadata);
    List<ScrapeJob> scrapeJobs = new ArrayList<>();
    for (ScrapeConfig c : jobs) {
      scrapeJobs.add(job(c));
    }
    manager.setJobs(scrapeJobs);
    DiscoveryMetrics metrics = new DiscoveryMetrics(registry);
    KubernetesDiscoveryMetrics kubeMetrics = new KubernetesDiscoveryMetrics(registry);
    List<Discoverer> discoverers = new ArrayList<>();
    for (ScrapeConfig c : jobs) {
      List<Discoverer> ds = discoverers(c, clock, metrics);
      for (KubernetesSdConfig k : c.discovery().kubernetesSdConfigs()) {
        Discoverer d = KubernetesSd.create(k, c.jobName(), version, kubeMetrics);
        if (d != null) {
          ds.add(d);
        }
      }
      for (int i = 0; i < ds.size(); i++) {
        Discoverer d = ds.get(i);
        d.start(prefixed(manager, c.jobName(), i + "/"));
        discoverers.add(d);
      }
    }
    return new Scraping(manager, discoverers);
  }

  /** Every scraped target's state, for {@code /api/v1/targets}. */
  public List<TargetStatus> activeTargets() {
    return manager.activeTargets();
  }

  /** The metric metadata running targets exposed in their last scrape. */
  public List<ScrapeManager.TargetMetadata> targetMetadata() {
    return manager.targetMetadata();
  }

  /** Targets relabeling dropped, by job. */
  public Map<String, List<Labels>> droppedTargets() {
    return manager.droppedTargets();
  }

  /** Stops discovery, then every scrape loop (their series get staleness markers). */
  @Override
  public void close() {
    discoverers.forEach(Discoverer::close);
    manager.close();
  }

  private static ScrapeJob job(ScrapeConfig c) throws IOException {
    Relabeler relabel = Relabeler.of(c.relabelConfigs());
    Relabeler metricRelabel = Relabeler.of(c.metricRelabelConfigs());
    String auth = c.httpClient().authorizationHeader();
    return new ScrapeJob(
        c.jobDefaults(),
        c.scrapeOptions(),
        relabel::process,
        metricRelabel::process,
        auth == null ? Map.of() : Map.of("Authorization", auth),
        c.limits().bodySizeLimitBytes(),
        (int) Math.min(Integer.MAX_VALUE, c.limits().targetLimit()));
  }

  private static List<Discoverer> discoverers(ScrapeConfig c, Clock clock, DiscoveryMetrics metrics)
      throws IOException {
    List<Discoverer> out = new ArrayList<>();
    if (!c.discovery().staticConfigs().isEmpty()) {
      out.add(new StaticDiscoverer(c.discovery().staticConfigs()));
    }
    for (FileDiscoveryOptions f : c.discovery().fileSdConfigs()) {
      out.add(new FileDiscoverer(f, clock, metrics));
    }
    for (HttpSdConfig h : c.discovery().httpSdConfigs()) {
      out.add(new HttpDiscoverer(h.options(), clock, metrics));
    }
    return out;
  }

  /** Keeps sources of several discoverers of one job apart. */
  private static Consumer<List<TargetGroup>> prefixed(
      ScrapeManager manager, String job, String prefix) {
    return groups -> {
      List<TargetGroup> renamed = new ArrayList<>(groups.size());
      for (TargetGroup g : groups) {
        renamed.add(new TargetGroup(prefix + g.source(), g.targets(), g.labels()));
      }
      manager.update(job, renamed);
    };
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
