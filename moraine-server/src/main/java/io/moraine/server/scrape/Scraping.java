package io.moraine.server.scrape;

import io.moraine.core.discovery.Discoverer;
import io.moraine.core.discovery.TargetGroup;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's scraping: one {@link ScrapeManager} for every {@code scrape_configs} job, fed by
 * each job's static, file, HTTP and Kubernetes discoverers, and reloadable as Prometheus 2.42
 * applies a new configuration: an unchanged job keeps its discoverers, client and scrape loops; a
 * changed one is rebuilt (only its discovery when only that changed); a removed one stops, its
 * series getting staleness markers; a new one starts. Thread-safe.
 */
public final class Scraping implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scraping.class);

  private final ScrapeManager manager;
  private final ScrapeClients clients;
  private final Clock clock;
  private final TargetDiscovery.Metrics sdMetrics;
  private final String version;

  /** The running jobs by name, in configuration order; guarded by {@code this}. */
  private Map<String, RunningJob> running = Map.of();

  private boolean closed; // guarded by this

  private Scraping(
      ScrapeManager manager,
      ScrapeClients clients,
      Clock clock,
      TargetDiscovery.Metrics sdMetrics,
      String version) {
    this.manager = manager;
    this.clients = clients;
    this.clock = clock;
    this.sdMetrics = sdMetrics;
    this.version = version;
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
    ScrapeManager manager =
        new ScrapeManager(
            store,
            new HttpScraper(clients.shared(), "Moraine/" + version),
            ExpositionParser::new,
            clock,
            ScrapeSchedule.jitterSeed(hostname(), externalLabels),
            metadata);
    Scraping s = new Scraping(manager, clients, clock, sdMetrics, version);
    try {
      s.reload(jobs);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /**
   * Applies {@code jobs} as the new {@code scrape_configs}: {@link #prepare}, then {@link
   * Pending#apply}.
   *
   * @throws IOException when a credentials or TLS file cannot be read; nothing changed
   * @throws io.moraine.ingest.relabel.InvalidRelabelConfigException for an invalid relabel rule;
   *     nothing changed
   */
  public void reload(List<ScrapeConfig> jobs) throws IOException {
    prepare(jobs).apply();
  }

  /**
   * Builds what {@code jobs} need that the running jobs do not have (HTTP clients with TLS and
   * credential files read now, relabelers, discoverers not yet started) and changes nothing: the
   * caller then applies or discards the result, so that a reload touching several parts of the
   * server can build them all before swapping any. Between this call and {@link Pending#apply} no
   * other reload may run.
   *
   * @throws IOException when a credentials or TLS file cannot be read; nothing changed
   * @throws io.moraine.ingest.relabel.InvalidRelabelConfigException for an invalid relabel rule;
   *     nothing changed
   */
  public synchronized Pending prepare(List<ScrapeConfig> jobs) throws IOException {
    Map<String, RunningJob> base = running;
    ScrapeClients.Batch batch = clients.batch();
    Map<String, RunningJob> next = new LinkedHashMap<>();
    try {
      for (ScrapeConfig c : jobs) {
        RunningJob old = base.get(c.jobName());
        next.put(c.jobName(), old != null && old.config().equals(c) ? old : build(c, old, batch));
      }
    } catch (IOException | RuntimeException e) {
      undo(base, next);
      throw e;
    }
    return new Pending(base, next);
  }

  /** A new configuration built by {@link #prepare}, to be applied or discarded, once. */
  public final class Pending {
    private final Map<String, RunningJob> base;
    private final Map<String, RunningJob> next;
    private boolean done;

    private Pending(Map<String, RunningJob> base, Map<String, RunningJob> next) {
      this.base = base;
      this.next = next;
    }

    /** Swaps the new configuration in. */
    public void apply() {
      synchronized (Scraping.this) {
        finish();
        if (closed) {
          undo(base, next);
          return;
        }
        if (running != base) {
          undo(base, next);
          throw new IllegalStateException("BUG: scraping reloaded between prepare and apply");
        }
        swap(base, next);
      }
    }

    /** Releases what {@link #prepare} built; the running configuration stays. */
    public void discard() {
      synchronized (Scraping.this) {
        finish();
        undo(base, next);
      }
    }

    private void finish() {
      if (done) {
        throw new IllegalStateException("BUG: a scrape reload applied or discarded twice");
      }
      done = true;
    }
  }

  /** Builds {@code c}'s parts that differ from {@code old}'s (every part when old is null). */
  private RunningJob build(ScrapeConfig c, @Nullable RunningJob old, ScrapeClients.Batch batch)
      throws IOException {
    ScrapeJob job;
    HttpClient client;
    if (old != null && RunningJob.sameScraping(old.config(), c)) {
      job = old.job();
      client = old.client();
    } else {
      client = batch.forJob(c.jobName(), c.httpClient().tls());
      try {
        job = job(c, client);
      } catch (IOException | RuntimeException e) {
        clients.release(client);
        throw e;
      }
    }
    List<Discoverer> ds;
    if (old != null && old.config().discovery().equals(c.discovery())) {
      ds = old.discoverers();
    } else {
      try {
        ds = TargetDiscovery.create(c.discovery(), c.jobName(), clock, version, sdMetrics);
      } catch (IOException | RuntimeException e) {
        if (old == null || client != old.client()) {
          clients.release(client);
        }
        throw e;
      }
    }
    return new RunningJob(c, job, client, ds);
  }

  /** Releases the parts of {@code next} that {@link #build} made (not shared with {@code base}). */
  private void undo(Map<String, RunningJob> base, Map<String, RunningJob> next) {
    for (RunningJob n : next.values()) {
      RunningJob o = base.get(n.name());
      if (o == null || n.client() != o.client()) {
        clients.release(n.client());
      }
      if (o == null || n.discoverers() != o.discoverers()) {
        n.discoverers().forEach(Discoverer::close);
      }
    }
  }

  /** Replaces {@code base} (the running jobs) with {@code next}; caller holds the lock. */
  private void swap(Map<String, RunningJob> base, Map<String, RunningJob> next) {
    List<HttpClient> unused = new ArrayList<>();
    int removed = 0;
    for (RunningJob o : base.values()) {
      RunningJob n = next.get(o.name());
      removed += n == null ? 1 : 0;
      if (n == null || n.discoverers() != o.discoverers()) {
        o.discoverers().forEach(Discoverer::close); // no more updates from them after this
      }
      HttpClient c = o.client();
      if (c != null && (n == null || n.client() != c)) {
        unused.add(c);
      }
    }
    List<ScrapeJob> jobs = new ArrayList<>();
    next.values().forEach(n -> jobs.add(n.job()));
    CompletableFuture<Void> stopped = manager.setJobs(jobs);
    int changed = 0;
    for (RunningJob n : next.values()) {
      RunningJob o = base.get(n.name());
      changed += o != null && o != n ? 1 : 0;
      if (o == null || n.discoverers() != o.discoverers()) {
        startDiscovery(n);
      }
    }
    running = next;
    stopped.whenComplete((v, e) -> unused.forEach(clients::release));
    LOG.atInfo()
        .addKeyValue("jobs", next.size())
        .addKeyValue("added", next.size() - (base.size() - removed))
        .addKeyValue("changed", changed)
        .addKeyValue("removed", removed)
        .log("scrape configuration applied");
  }

  /**
   * Starts {@code j}'s new discoverers. The first report of any of them replaces the groups the
   * job's earlier discoverers found, so that targets found again keep their loops while the others
   * go; with no discoverer at all, the job's groups go at once.
   */
  private void startDiscovery(RunningJob j) {
    if (j.discoverers().isEmpty()) {
      manager.replaceGroups(j.name(), List.of());
      return;
    }
    TargetDiscovery.startAll(j.discoverers(), new FirstReplaces(manager, j.name()));
  }

  /** Passes a job's discovery updates on, the first one replacing all of the job's groups. */
  private static final class FirstReplaces implements Consumer<List<TargetGroup>> {
    private final ScrapeManager manager;
    private final String job;
    private boolean first = true; // guarded by this

    FirstReplaces(ScrapeManager manager, String job) {
      this.manager = manager;
      this.job = job;
    }

    @Override
    public synchronized void accept(List<TargetGroup> groups) {
      if (first) {
        first = false;
        manager.replaceGroups(job, groups);
      } else {
        manager.update(job, groups);
      }
    }
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
    List<RunningJob> jobs;
    synchronized (this) {
      closed = true;
      jobs = List.copyOf(running.values());
      running = Map.of();
    }
    jobs.forEach(j -> j.discoverers().forEach(Discoverer::close));
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
