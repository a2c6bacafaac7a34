package io.moraine.server.scrape;

import io.moraine.core.discovery.Discoverer;
import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appendable;
import io.moraine.core.time.Clock;
import io.moraine.ingest.relabel.Relabeler;
import io.moraine.ingest.scrape.ExpositionParser;
import io.moraine.ingest.scrape.HttpScraper;
import io.moraine.ingest.scrape.ScrapeJob;
import io.moraine.ingest.scrape.ScrapeManager;
import io.moraine.ingest.scrape.ScrapeSchedule;
import io.moraine.ingest.scrape.ScrapedMetadata;
import io.moraine.ingest.scrape.TargetStatus;
import io.moraine.server.config.ScrapeConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The server's scraping: one {@link ScrapeManager} for every {@code scrape_configs} job, fed by
 * each job's static, file, HTTP and Kubernetes discoverers. Thread-safe.
 */
public final class Scraping implements AutoCloseable {
  private final ScrapeManager manager;
  private final List<Discoverer> discoverers;
  private final ScrapeClients clients;

  private Scraping(ScrapeManager manager, List<Discoverer> discoverers, ScrapeClients clients) {
    this.manager = manager;
    this.discoverers = discoverers;
    this.clients = clients;
  }

  /**
   * Starts scraping {@code jobs} into {@code store}; {@code metadata} is told the metric metadata
   * targets expose. Registers the discovery metrics in {@code registry}: use the overload taking
   * {@link TargetDiscovery.Metrics} when alerting discovers Alertmanagers too.
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
    return start(
        jobs,
        store,
        clock,
        TargetDiscovery.Metrics.register(registry),
        externalLabels,
        version,
        metadata);
  }

  /**
   * Starts scraping {@code jobs} into {@code store}, with discovery metrics already registered.
   *
   * @throws IOException when a job's credentials or TLS file cannot be read or used (naming the job
   *     and the file); nothing is left running
   */
  public static Scraping start(
      List<ScrapeConfig> jobs,
      Appendable store,
      Clock clock,
      TargetDiscovery.Metrics sdMetrics,
      Labels externalLabels,
      String version,
      Consumer<ScrapedMetadata> metadata)
      throws IOException {
    ScrapeClients clients = new ScrapeClients();
    List<Discoverer> discoverers = new ArrayList<>();
    ScrapeManager manager =
        new ScrapeManager(
            store,
            new HttpScraper(clients.shared(), "Moraine/" + version),
            ExpositionParser::new,
            clock,
            ScrapeSchedule.jitterSeed(hostname(), externalLabels),
            metadata);
    try {
      List<ScrapeJob> scrapeJobs = new ArrayList<>();
      for (ScrapeConfig c : jobs) {
        scrapeJobs.add(job(c, clients.forJob(c.jobName(), c.httpClient().tls())));
      }
      manager.setJobs(scrapeJobs);
      for (ScrapeConfig c : jobs) {
        discoverers.addAll(
            TargetDiscovery.start(
                c, clock, version, sdMetrics, groups -> manager.update(c.jobName(), groups)));
      }
    } catch (IOException | RuntimeException e) {
      new Scraping(manager, discoverers, clients).close();
      throw e;
    }
    return new Scraping(manager, discoverers, clients);
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

  /**
   * Stops discovery, then every scrape loop (their series get staleness markers), then closes the
   * HTTP clients.
   */
  @Override
  public void close() {
    discoverers.forEach(Discoverer::close);
    manager.close();
    clients.close();
  }

  private static ScrapeJob job(ScrapeConfig c, @Nullable HttpClient client) throws IOException {
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
        (int) Math.min(Integer.MAX_VALUE, c.limits().targetLimit()),
        client);
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
