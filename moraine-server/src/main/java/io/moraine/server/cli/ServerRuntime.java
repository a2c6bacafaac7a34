package io.moraine.server.cli;

import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Storage;
import io.moraine.core.time.Clock;
import io.moraine.ingest.otlp.OtlpOptions;
import io.moraine.ingest.otlp.OtlpReceiver;
import io.moraine.ingest.push.PushOptions;
import io.moraine.ingest.remotewrite.RemoteWriteOptions;
import io.moraine.ingest.remotewrite.RemoteWriteReceiver;
import io.moraine.promql.engine.Engine;
import io.moraine.server.api.alertmanager.SilencesApi;
import io.moraine.server.api.graph.PromqlUsage;
import io.moraine.server.api.otlp.OtlpApi;
import io.moraine.server.api.prom.ConfigReloadStatus;
import io.moraine.server.api.prom.Federation;
import io.moraine.server.api.prom.MetricMetadata;
import io.moraine.server.api.prom.MetricMetadataRegistry;
import io.moraine.server.api.prom.PromApi;
import io.moraine.server.api.prom.QueryLimits;
import io.moraine.server.api.prom.QueryWarmup;
import io.moraine.server.api.prom.RemoteWriteApi;
import io.moraine.server.api.prom.RulesSource;
import io.moraine.server.api.prom.ServerInfo;
import io.moraine.server.api.prom.TargetSource;
import io.moraine.server.api.prom.TextImportApi;
import io.moraine.server.api.push.PushApi;
import io.moraine.server.config.GraphConfig;
import io.moraine.server.config.KubernetesConfig;
import io.moraine.server.config.LogsConfig;
import io.moraine.server.config.MoraineConfig;
import io.moraine.server.config.RemoteWriteConfig;
import io.moraine.server.config.RuleFileException;
import io.moraine.server.config.ScrapeConfig;
import io.moraine.server.http.HttpServer;
import io.moraine.server.process.ProcessMetrics;
import io.moraine.server.remote.RemoteWriting;
import io.moraine.server.rules.RulesRuntime;
import io.moraine.server.scrape.Scraping;
import io.moraine.server.scrape.ScrapingTargets;
import io.moraine.server.scrape.TargetDiscovery;
import io.moraine.server.store.StorageHandle;
import io.moraine.server.store.StorageOpener;
import io.moraine.server.store.StorageSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: the HTTP listener first (so that {@code /-/healthy} answers and {@code
 * /-/ready} says 503 while the store replays its log), then the store. {@link #stop} stops HTTP,
 * then closes the store, once; concurrent and later calls wait for the first to finish.
 * Thread-safe.
 */
final class ServerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(ServerRuntime.class);

  private final HttpServer http;
  private final StorageHandle store;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private final MetricRegistry registry;
  private final Clock clock;
  private final AtomicReference<@Nullable Scraping> scraping;
  private final MetricMetadataRegistry metadata;
  private final PushApi push;
  private final RemoteWriting remoteWriting;
  private final AtomicReference<@Nullable RulesRuntime> rules;
  private final TargetDiscovery.Metrics sdMetrics;
  private final Engine engine;
  private final AtomicReference<ReloadHandler> reloadHandler;
  private final ConfigReloadStatus reloadStatus;
  private final LogsRuntime logs;
  private final GraphRuntime graph;
  private final AtomicReference<@Nullable KubeRuntime> kube = new AtomicReference<>();
  private final AtomicReference<@Nullable QueryWarmup> warmup = new AtomicReference<>();

  /** Re-reads the configuration file; returns null on success, else why it failed. */
  @FunctionalInterface
  interface ReloadHandler {
    @Nullable String reload();
  }

  private ServerRuntime(
      HttpServer http,
      StorageHandle store,
      MetricRegistry registry,
      Clock clock,
      AtomicReference<@Nullable Scraping> scraping,
      MetricMetadataRegistry metadata,
      RemoteWriting remoteWriting,
      PushApi push,
      AtomicReference<@Nullable RulesRuntime> rules,
      TargetDiscovery.Metrics sdMetrics,
      Engine engine,
      AtomicReference<ReloadHandler> reloadHandler,
      ConfigReloadStatus reloadStatus,
      LogsRuntime logs,
      GraphRuntime graph) {
    this.reloadStatus = reloadStatus;
    this.logs = logs;
    this.graph = graph;
    this.rules = rules;
    this.sdMetrics = sdMetrics;
    this.engine = engine;
    this.reloadHandler = reloadHandler;
    this.remoteWriting = remoteWriting;
    this.push = push;
    this.metadata = metadata;
    this.registry = registry;
    this.clock = clock;
    this.scraping = scraping;
    this.http = http;
    this.store = store;
  }

  /**
   * Starts the HTTP listener with the Prometheus API and the remote-write receiver; the store is
   * opened by {@link #openStorage}.
   *
   * @throws java.io.UncheckedIOException when the address cannot be bound
   */
  static ServerRuntime start(
      InetSocketAddress listen,
      StorageSettings settings,
      StorageOpener opener,
      Engine engine,
      QueryLimits limits,
      Labels externalLabels,
      List<RemoteWriteConfig> remotes,
      ServerInfo info,
      LogsConfig logsConfig,
      GraphConfig graphConfig,
      KubernetesConfig kubernetesConfig) {
    MetricRegistry registry = new MetricRegistry();
    registry
        .gauge("moraine_build_info", "Moraine's version; always 1.", "version")
        .labels(info.version())
        .set(1);
    ProcessMetrics process = ProcessMetrics.register(registry, Path.of("/proc/self"));
    RemoteWriting remote =
        RemoteWriting.start(
            remotes,
            settings.dataDir(),
            externalLabels,
            info.version(),
            registry,
            settings.clock());
    // every ingest path appends through the store, so the tee forwards them all
    StorageHandle store = new StorageHandle(opener, remote::tee, settings, registry);
    MetricMetadataRegistry metadata = new MetricMetadataRegistry();
    ConfigReloadStatus reloadStatus = ConfigReloadStatus.register(registry, info.startMillis());
    PromApi api =
        new PromApi(store, engine, limits, settings.clock(), metadata, info, reloadStatus);
    Federation federation =
        new Federation(
            store::storage,
            settings.clock(),
            engine.options().lookbackDeltaMillis(),
            externalLabels,
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("federate-", 0).factory()));
    RemoteWriteApi remoteWrite =
        new RemoteWriteApi(
            store, new RemoteWriteReceiver(RemoteWriteOptions.DEFAULT, registry), registry);
    AtomicReference<@Nullable Scraping> scraping = new AtomicReference<>();
    PushApi push =
        new PushApi(
            PushOptions.DEFAULT.withPersistenceFile(settings.dataDir().resolve("push-groups")),
            () -> store.storage().appender(),
            settings.clock(),
            registry);
    AtomicReference<@Nullable RulesRuntime> rules = new AtomicReference<>();
    AtomicReference<ReloadHandler> reload = new AtomicReference<>(() -> null);
    LogsRuntime logs =
        LogsRuntime.create(
            logsConfig, settings.dataDir(), registry, settings.clock(), info.version());
    GraphRuntime graph =
        GraphRuntime.create(
            graphConfig,
            kubernetesConfig.enabled() ? kubernetesConfig.site() : null,
            settings.dataDir(),
            registry,
            settings.clock(),
            new PromqlUsage(engine, store::storage, limits.timeoutMillis()));
    HttpServer.Builder routes =
        HttpServer.builder(listen, registry)
            .readiness(() -> store.isReady() && logs.isReady() && graph.isReady())
            .beforeScrape(process::refresh)
            .service("/federate", federation);
    push.register(routes);
    logs.register(routes);
    graph.register(routes);
    api.registerRules(
        routes,
        () -> {
          RulesRuntime r = rules.get();
          return r == null ? RulesSource.NONE : r;
        });
    new SilencesApi(
            () -> {
              RulesRuntime r = rules.get();
              return r == null ? null : r.silences();
            },
            settings.clock())
        .register(routes);
    routes.plainTextService("/-/reload", new ReloadService(() -> reload.get().reload()));
    new OtlpApi(
            store,
            new OtlpReceiver(OtlpOptions.DEFAULT, registry),
            OtlpApi.DEFAULT_MAX_DECODED_BYTES,
            registry)
        .register(routes);
    HttpServer http =
        api.registerTargets(
                new TextImportApi(store, settings.clock(), registry)
                    .register(remoteWrite.register(api.register(routes))),
                () -> {
                  Scraping s = scraping.get();
                  return s == null ? TargetSource.NONE : new ScrapingTargets(s);
                })
            .start();
    return new ServerRuntime(
        http,
        store,
        registry,
        settings.clock(),
        scraping,
        metadata,
        remote,
        push,
        rules,
        TargetDiscovery.Metrics.register(registry),
        engine,
        reload,
        reloadStatus,
        logs,
        graph);
  }

  /**
   * Opens the store; may take long (WAL replay). On failure the server is stopped and the exception
   * rethrown.
   */
  void openStorage() {
    try {
      store.open();
      logs.open();
      graph.open();
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
    LOG.atInfo().log("server is ready to receive requests");
  }

  /**
   * Starts scraping {@code jobs} into the open store.
   *
   * @throws IOException when a job's credentials file cannot be read
   */
  void startScraping(List<ScrapeConfig> jobs, Labels externalLabels, String version)
      throws IOException {
    Storage s = store.storage();
    scraping.set(
        Scraping.start(
            jobs,
            s,
            clock,
            sdMetrics,
            externalLabels,
            version,
            m -> metadata.put(m.metric(), new MetricMetadata(m.type(), m.help(), m.unit()))));
  }

  /**
   * Starts rule evaluation and notifications for {@code cfg} over the open store.
   *
   * @throws RuleFileException when a rule file is invalid
   * @throws IOException when a notification state or credentials file cannot be read
   */
  void startRules(MoraineConfig cfg, boolean defaultPack, String version)
      throws RuleFileException, IOException {
    InetSocketAddress a = http.localAddress();
    String externalUrl = "http://" + a.getHostString() + ":" + a.getPort();
    rules.set(
        RulesRuntime.start(
            cfg,
            new RulesRuntime.Settings(
                store::storage,
                engine,
                clock,
                registry,
                sdMetrics,
                store.dataDir(),
                externalUrl,
                version,
                defaultPack)));
  }

  /**
   * Starts watching the site's Kubernetes API for the knowledge graph and the kube-state metrics
   * (when {@code k.enabled()}), over the open stores. Returns at once: readiness never waits for
   * Kubernetes.
   */
  void startKubernetes(KubernetesConfig k, GraphConfig g, String version) {
    if (!k.enabled()) {
      return;
    }
    InetSocketAddress a = http.localAddress();
    String host =
        a.getAddress() == null || a.getAddress().isAnyLocalAddress()
            ? "127.0.0.1"
            : a.getHostString();
    String serverUrl = "http://" + host + ":" + a.getPort() + "/";
    KubeRuntime.Wiring w =
        new KubeRuntime.Wiring(
            store.storage(),
            graph.store(),
            new PromqlUsage(engine, store::storage, g.queryTimeoutMillis()),
            registry,
            clock,
            serverUrl,
            version);
    kube.set(KubeRuntime.start(k, g, w));
  }

  /**
   * Starts the query warm-up in the background over a throwaway store that {@code opener} opens in
   * a temporary directory; {@link #stop} ends it.
   */
  void startWarmup(StorageOpener opener, QueryLimits limits) {
    warmup.set(QueryWarmup.start(opener, engine, limits, clock, QueryWarmup.Options.DEFAULT));
  }

  /** The Kubernetes side, once started (null when not enabled). */
  @Nullable KubeRuntime kubernetes() {
    return kube.get();
  }

  /** The scraping, once started (null before, and after {@link #stop}). */
  @Nullable Scraping scraping() {
    return scraping.get();
  }

  /** The remote-write sending. */
  RemoteWriting remoteWriting() {
    return remoteWriting;
  }

  /** The outcome of the last configuration load, for the reload handler to update. */
  ConfigReloadStatus reloadStatus() {
    return reloadStatus;
  }

  /** The server's clock. */
  Clock clock() {
    return clock;
  }

  /** The rule side, once started. */
  @Nullable RulesRuntime rules() {
    return rules.get();
  }

  /** What {@code POST /-/reload} (and SIGHUP) runs. */
  void onReload(ReloadHandler handler) {
    reloadHandler.set(handler);
  }

  /** Runs the reload handler, as {@code /-/reload} does; null on success, else the reason. */
  @Nullable String reload() {
    return reloadHandler.get().reload();
  }

  InetSocketAddress httpAddress() {
    return http.localAddress();
  }

  boolean isReady() {
    return store.isReady() && graph.isReady();
  }

  /** Stops HTTP, then closes the store, then logs {@code shutdown complete}. Idempotent. */
  void stop() {
    if (!stopping.compareAndSet(false, true)) {
      awaitStopped();
      return;
    }
    LOG.atInfo().log("shutting down");
    try {
      QueryWarmup w = warmup.getAndSet(null);
      if (w != null) {
        w.close(); // deletes its temporary store
      }
      Scraping sc = scraping.getAndSet(null);
      if (sc != null) {
        sc.close(); // before the store closes: stopped targets get staleness markers
      }
      KubeRuntime k = kube.getAndSet(null);
      if (k != null) {
        k.close(); // before the stores close: the graph sync writes what it holds
      }
      RulesRuntime r = rules.getAndSet(null);
      if (r != null) {
        r.close(); // before the store closes: stale markers and the last alert history
      }
      http.close();
      push.close(); // before the store closes; writes the push groups file
      remoteWriting.close(); // after the last appends, before the store closes
    } finally {
      try {
        try {
          try {
            logs.close(); // forwarders flushed, log head kept in the WAL
          } finally {
            graph.close();
          }
        } finally {
          store.close();
        }
      } finally {
        LOG.atInfo().log("shutdown complete");
        stopped.countDown();
      }
    }
  }

  /** Blocks until {@link #stop} has finished. */
  void awaitStopped() {
    boolean interrupted = false;
    while (true) {
      try {
        stopped.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
