package io.moraine.server.cli;

import io.moraine.core.logs.LogAppendable;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.logs.forward.ForwardOptions;
import io.moraine.logs.forward.ForwardingLogAppendable;
import io.moraine.logs.forward.LokiForwarder;
import io.moraine.logs.logql.engine.EngineOptions;
import io.moraine.logs.logql.engine.LogqlEngine;
import io.moraine.logs.logql.parser.LogqlParser;
import io.moraine.logs.push.IngestLimits;
import io.moraine.logs.push.PushMetrics;
import io.moraine.logs.store.DiscardCounters;
import io.moraine.logs.store.LogStore;
import io.moraine.logs.store.LogStoreOptions;
import io.moraine.logs.store.RetentionRule;
import io.moraine.server.api.loki.EngineQueries;
import io.moraine.server.api.loki.LokiApi;
import io.moraine.server.api.loki.LokiApiOptions;
import io.moraine.server.api.loki.LokiPushApi;
import io.moraine.server.config.HttpClientConfig;
import io.moraine.server.config.LogsConfig;
import io.moraine.server.http.HttpServer;
import io.moraine.server.store.LogsHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's logs side, built from the {@code logs} section: the embedded log store under {@code
 * <data>/logs}, the Loki push and OTLP logs endpoints (teed to the {@code remote_push} Lokis), the
 * LogQL engine and the Loki query API. Routes are registered before the listener starts; the store
 * opens later ({@link #open}), answering 503 until then.
 */
final class LogsRuntime implements AutoCloseable {
  private static final long MB = 1L << 20;

  private final LogsConfig config;
  private final LogsHandle handle;
  private final List<LokiForwarder> forwarders;
  private final LokiPushApi push;
  private final LokiApi query;

  private LogsRuntime(
      LogsConfig config,
      LogsHandle handle,
      List<LokiForwarder> forwarders,
      LokiPushApi push,
      LokiApi query) {
    this.config = config;
    this.handle = handle;
    this.forwarders = forwarders;
    this.push = push;
    this.query = query;
  }

  /** Builds the logs side; nothing is opened or listening yet except the forwarders' senders. */
  static LogsRuntime create(
      LogsConfig config, Path dataDir, MetricRegistry registry, Clock clock, String version) {
    DiscardCounters discards = DiscardCounters.register(registry);
    LogStoreOptions storeOptions = storeOptions(config, registry);
    LogsHandle handle =
        new LogsHandle(
            () -> LogStore.open(dataDir.resolve("logs"), storeOptions, clock, discards), clock);
    List<LokiForwarder> forwarders =
        LokiForwarder.startAll(forwardOptions(config), clock, registry);
    LogAppendable sink = ForwardingLogAppendable.tee(handle, forwarders);
    IngestLimits limits = ingestLimits(config.limits());
    LokiPushApi push =
        new LokiPushApi(
            sink,
            tenant -> limits,
            clock,
            PushMetrics.register(registry, discards),
            LokiPushApi.DEFAULT_MAX_DECODED_BYTES);
    LogsConfig.Query q = config.query();
    LogqlEngine engine =
        new LogqlEngine(
            handle,
            EngineOptions.DEFAULT
                .withMaxSeries(q.maxSeries())
                .withTimeout(q.timeoutMillis() * 1_000_000, clock));
    LokiApi api =
        new LokiApi(
            new EngineQueries(engine),
            handle,
            clock,
            new LokiApiOptions(
                q.maxEntriesLimit(),
                Duration.ofMillis(q.timeoutMillis()),
                version,
                Duration.ofSeconds(1)),
            handle::isReady);
    return new LogsRuntime(config, handle, forwarders, push, api);
  }

  /** Registers the push and query routes, unless {@code logs.enabled} is false. */
  HttpServer.Builder register(HttpServer.Builder routes) {
    if (!config.enabled()) {
      return routes;
    }
    return query
        .register(push.register(routes))
        .plainTextService("/flush", new FlushService(handle));
  }

  /** Opens the store (WAL replay), unless logs are disabled. */
  void open() {
    if (config.enabled()) {
      handle.open();
    }
  }

  /** Whether the log store is open (or logs are disabled). */
  boolean isReady() {
    return !config.enabled() || handle.isReady();
  }

  /** Stops the forwarders (flushing what they hold), then closes the store. */
  @Override
  public void close() {
    try {
      for (LokiForwarder f : forwarders) {
        f.close();
      }
    } finally {
      handle.close();
    }
  }

  private static LogStoreOptions storeOptions(LogsConfig config, MetricRegistry registry) {
    List<RetentionRule> rules = new ArrayList<>();
    for (LogsConfig.RetentionStream r : config.retentionStreams()) {
      rules.add(
          new RetentionRule(
              LogqlParser.parseLogSelector(r.selector()).matchers(),
              Duration.ofMillis(r.periodMillis()),
              r.priority()));
    }
    int maxStreams = config.limits().maxStreamsPerTenant();
    return LogStoreOptions.DEFAULT
        .withRegistry(registry)
        .withRetention(
            Duration.ofMillis(config.retentionMillis()), config.retentionSizeBytes(), rules)
        .withMaxStreamsPerTenant(maxStreams == 0 ? Integer.MAX_VALUE : maxStreams);
  }

  private static IngestLimits ingestLimits(LogsConfig.Limits l) {
    IngestLimits d = IngestLimits.DEFAULT;
    return new IngestLimits(
        l.ingestionRateMb() * MB,
        (long) (l.ingestionBurstSizeMb() * MB),
        (int) Math.min(Integer.MAX_VALUE, l.maxLineSizeBytes()),
        d.maxLineSizeTruncate(),
        l.maxLabelNamesPerSeries(),
        l.maxLabelNameLength(),
        l.maxLabelValueLength(),
        l.rejectOldSamplesMaxAgeMillis() > 0,
        l.rejectOldSamplesMaxAgeMillis() * 1_000_000,
        l.creationGracePeriodMillis() * 1_000_000,
        d.allowStructuredMetadata());
  }

  private static String password(HttpClientConfig.BasicAuth auth) {
    Path file = auth.passwordFile();
    if (file == null) {
      return auth.password();
    }
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read logs.remote_push password_file " + file, e);
    }
  }

  private static List<ForwardOptions> forwardOptions(LogsConfig config) {
    List<ForwardOptions> out = new ArrayList<>();
    for (LogsConfig.RemotePush r : config.remotePush()) {
      ForwardOptions d = ForwardOptions.of(r.url());
      out.add(
          new ForwardOptions(
              r.url(),
              r.tenantId(),
              r.basicAuth() == null ? null : r.basicAuth().username(),
              r.basicAuth() == null ? null : password(r.basicAuth()),
              r.headers(),
              r.batchWaitMillis(),
              r.batchSizeBytes(),
              d.queueCapacityBytes(),
              d.timeoutMillis(),
              d.maxRetries(),
              d.minBackoffMillis(),
              d.maxBackoffMillis()));
    }
    return out;
  }
}
