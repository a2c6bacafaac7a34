package io.moraine.server.cli;

import io.moraine.core.time.Clock;
import io.moraine.server.config.ByteSizes;
import io.moraine.server.config.ConfigLoader;
import io.moraine.server.config.MoraineConfig;
import io.moraine.server.config.TsdbConfig;
import io.moraine.server.store.StorageSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code moraine server}: runs the monitoring server until SIGTERM or SIGINT. */
@Command(
    name = "server",
    description = "Run the monitoring server until stopped (SIGTERM or SIGINT).",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true)
final class ServerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

  @Option(
      names = "--listen",
      paramLabel = "ADDR",
      converter = Converters.Listen.class,
      description =
          "Address for HTTP: host:port, :port (every interface) or [::1]:port."
              + " Default: ${DEFAULT-VALUE}.")
  private ListenAddress listen = ListenAddress.DEFAULT;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (moraine.yml; a prometheus.yml works). Optional.")
  private @Nullable Path config;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory. Default: ./data (or storage.tsdb.path of the config file).")
  private @Nullable Path data;

  @Option(
      names = "--retention.time",
      paramLabel = "DURATION",
      converter = Converters.DurationMillis.class,
      description =
          "How long to keep samples, e.g. 15d, 1y, 12h. Default: 15d when neither retention"
              + " flag nor setting is given.")
  private @Nullable Long retentionTimeMillis;

  @Option(
      names = "--retention.size",
      paramLabel = "SIZE",
      converter = Converters.Bytes.class,
      description =
          "Most bytes blocks may take: B, KB, MB, GB, TB, PB, EB (KB = 1024)."
              + " Default: 0 (no limit).")
  private @Nullable Long retentionSizeBytes;

  private final Engines engines;
  private final ShutdownHooks hooks;
  private final Consumer<ServerRuntime> onStarted;

  ServerCommand(Engines engines, ShutdownHooks hooks, Consumer<ServerRuntime> onStarted) {
    this.engines = engines;
    this.hooks = hooks;
    this.onStarted = onStarted;
  }

  @Override
  public Integer call() throws Exception {
    MoraineConfig cfg = config == null ? MoraineConfig.DEFAULT : ConfigLoader.load(config);
    for (String ignored : cfg.ignored()) {
      LOG.atInfo()
          .addKeyValue("section", ignored)
          .log("config section accepted but not implemented yet; ignored");
    }
    TsdbConfig tsdb = withFlags(cfg.storage().tsdb());
    StorageSettings settings =
        new StorageSettings(
            tsdb.path(),
            tsdb.effectiveRetentionTimeMillis(),
            tsdb.retentionSizeBytes(),
            Clock.SYSTEM);
    LOG.atInfo()
        .addKeyValue("version", Main.version())
        .addKeyValue("data", settings.dataDir())
        .addKeyValue("retention_time", retention(settings.retentionTimeMillis()))
        .addKeyValue("retention_size", ByteSizes.format(settings.retentionSizeBytes()))
        .log("starting Moraine");
    ServerRuntime runtime =
        ServerRuntime.start(listen.toSocketAddress(), settings, engines.storage(), Main.version());
    hooks.onShutdown(runtime::stop);
    onStarted.accept(runtime);
    runtime.openStorage();
    runtime.awaitStopped();
    return 0;
  }

  /** Flags override the file; the file overrides the defaults. */
  private TsdbConfig withFlags(TsdbConfig t) {
    TsdbConfig r = t;
    if (data != null) {
      r = r.withPath(data);
    }
    if (retentionTimeMillis != null) {
      r = r.withRetentionTimeMillis(retentionTimeMillis);
    }
    if (retentionSizeBytes != null) {
      r = r.withRetentionSizeBytes(retentionSizeBytes);
    }
    return r;
  }

  private static String retention(long millis) {
    return millis == 0 ? "unlimited" : io.moraine.core.time.Durations.format(millis);
  }
}
