package io.moraine.server.rules;

import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Storage;
import io.moraine.core.time.Clock;
import io.moraine.promql.engine.Engine;
import io.moraine.rules.file.RuleChecker;
import io.moraine.rules.file.RuleFile;
import io.moraine.rules.group.GroupSnapshot;
import io.moraine.rules.group.RuleLoadException;
import io.moraine.rules.group.RuleManager;
import io.moraine.rules.group.RuleManagerOptions;
import io.moraine.rules.notify.AlertSink;
import io.moraine.rules.notify.receiver.DefaultReceivers;
import io.moraine.rules.notify.receiver.NotificationMetrics;
import io.moraine.rules.notify.receiver.ReceiversOptions;
import io.moraine.rules.notify.receiver.Sleeper;
import io.moraine.rules.notify.route.NotifyOptions;
import io.moraine.rules.notify.route.Router;
import io.moraine.rules.notify.route.Silences;
import io.moraine.rules.rule.AlertSnapshot;
import io.moraine.server.alerting.Alerting;
import io.moraine.server.api.prom.RulesSource;
import io.moraine.server.config.MoraineConfig;
import io.moraine.server.config.NotifyConfig;
import io.moraine.server.config.RuleFileException;
import io.moraine.server.config.RuleFileLoader;
import io.moraine.server.scrape.TargetDiscovery;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's rule side, from config to notifications: loads the default rule pack and the {@code
 * rule_files}, runs the {@link RuleManager} over the store, sends its alerts to the {@code
 * alerting} Alertmanagers and to the built-in {@link Router} ({@code notify}), and records every
 * alert state change in {@link AlertHistory}. {@link #reload} re-reads the rule files; invalid ones
 * keep the old rules and are logged. Thread-safe.
 */
public final class RulesRuntime implements RulesSource, AutoCloseable {
  /** The name the default pack carries in the API and in errors. */
  public static final String DEFAULT_PACK_NAME = "<moraine>/default-rules.yml";

  private static final Logger LOG = LoggerFactory.getLogger(RulesRuntime.class);
  private static final String PACK_RESOURCE = "/io/moraine/rules/pack/default-rules.yml";

  private final AlertHistory history;

  /** The Alertmanagers of the {@code alerting} section, once one is configured. */
  private final AtomicReference<@Nullable Alerting> alerting;

  private final Settings settings;
  private final NotifyConfig notifyAtStart;
  private final @Nullable Router router;
  private final @Nullable HttpClient httpClient;
  private final RuleManager manager;

  private RulesRuntime(
      AlertHistory history,
      AtomicReference<@Nullable Alerting> alerting,
      @Nullable Router router,
      @Nullable HttpClient httpClient,
      RuleManager manager,
      Settings settings,
      NotifyConfig notifyAtStart) {
    this.settings = settings;
    this.notifyAtStart = notifyAtStart;
    this.history = history;
    this.alerting = alerting;
    this.router = router;
    this.httpClient = httpClient;
    this.manager = manager;
  }

  /** Everything the rule side takes from the server. */
  public record Settings(
      Supplier<Storage> store,
      Engine engine,
      Clock clock,
      MetricRegistry registry,
      TargetDiscovery.Metrics sdMetrics,
      Path dataDir,
      String externalUrl,
      String version,
      boolean defaultPack) {}

  /**
   * Builds and starts the rule side for {@code cfg}.
   *
   * @throws RuleFileException when a rule file is invalid at start-up (the server refuses to start,
   *     as Prometheus does)
   * @throws IOException when notification state or credential files cannot be read
   */
  public static RulesRuntime start(MoraineConfig cfg, Settings s)
      throws RuleFileException, IOException {
    List<RuleFile> files = load(cfg, s.defaultPack());
    AlertHistory history = new AlertHistory(s.store(), s.registry());
    Labels external = cfg.global().externalLabels();
    AtomicReference<@Nullable Alerting> alertingRef = new AtomicReference<>();
    if (!cfg.alerting().alertmanagers().isEmpty()) {
      alertingRef.set(startAlerting(cfg, s));
    }
    HttpClient http = null;
    Router router = null;
    NotifyConfig n = cfg.notifications();
    if (n.route() != null) {
      http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      Path state = s.dataDir().resolve("notify");
      DefaultReceivers receivers =
          new DefaultReceivers(
              n.receivers(),
              new ReceiversOptions(
                  http,
                  s.clock(),
                  NotificationMetrics.register(s.registry()),
                  null,
                  Sleeper.THREAD,
                  new Random(),
                  state));
      router =
          Router.open(
              new NotifyOptions(
                  n.route(),
                  n.inhibitRules(),
                  receivers,
                  state,
                  s.clock(),
                  s.externalUrl(),
                  n.resolveTimeout(),
                  s.registry(),
                  history,
                  n.timeIntervals()));
      router.start();
    }
    Router routerFinal = router;
    // the Alertmanagers may come and go with reloads: the sink asks for the current ones
    AlertSink sink =
        alerts -> {
          Alerting a = alertingRef.get();
          if (a != null) {
            a.sink().send(alerts);
          }
          if (routerFinal != null) {
            routerFinal.send(alerts);
          }
        };
    Map<String, String> externalMap = external.toMap();
    RuleManager manager =
        new RuleManager(
            new RuleManagerOptions(
                s.engine(),
                s.store()::get,
                s.store()::get,
                s.clock(),
                Duration.ofMillis(cfg.rules().evaluationIntervalMillis()),
                Duration.ofMillis(cfg.rules().queryOffsetMillis()),
                externalMap,
                s.externalUrl(),
                RuleManagerOptions.DEFAULT_OUTAGE_TOLERANCE,
                RuleManagerOptions.DEFAULT_FOR_GRACE_PERIOD,
                RuleManagerOptions.DEFAULT_RESEND_DELAY,
                sink,
                history,
                s.registry()));
    update(manager, files);
    manager.start();
    LOG.atInfo()
        .addKeyValue("files", files.size())
        .addKeyValue("groups", manager.groups().size())
        .log("rules loaded");
    return new RulesRuntime(history, alertingRef, router, http, manager, s, n);
  }

  /**
   * Re-reads the rule files of {@code cfg} and swaps them in; groups and alerts that stay keep
   * their state.
   *
   * @throws RuleFileException when a file is invalid: the old rules stay
   */
  public synchronized void reload(MoraineConfig cfg) throws RuleFileException, IOException {
    List<RuleFile> files = load(cfg, settings.defaultPack());
    reloadAlerting(cfg);
    update(manager, files);
    if (!cfg.notifications().equals(notifyAtStart)) {
      LOG.atWarn().log("the notify section changed: it takes effect after a restart");
    }
    LOG.atInfo().addKeyValue("groups", manager.groups().size()).log("rules reloaded");
  }

  /** Swaps in the reloaded {@code alerting} section, starting it when it is new. */
  private void reloadAlerting(MoraineConfig cfg) throws IOException {
    Alerting a = alerting.get();
    if (a != null) {
      a.reload(cfg.alerting(), cfg.global().externalLabels());
    } else if (!cfg.alerting().alertmanagers().isEmpty()) {
      alerting.set(startAlerting(cfg, settings));
    }
  }

  /** Builds and starts the notifier for {@code cfg}'s {@code alerting} section. */
  private static Alerting startAlerting(MoraineConfig cfg, Settings s) throws IOException {
    Alerting a =
        new Alerting(
            cfg.alerting(),
            cfg.global().externalLabels(),
            s.clock(),
            s.registry(),
            s.sdMetrics(),
            s.version());
    a.start();
    return a;
  }

  /** Swaps in {@code files}, which {@link #load} has already checked. */
  private static void update(RuleManager manager, List<RuleFile> files) {
    try {
      manager.update(files);
    } catch (RuleLoadException e) {
      throw new IllegalStateException("rule files checked but not loadable: " + e.getMessage(), e);
    }
  }

  private static List<RuleFile> load(MoraineConfig cfg, boolean defaultPack)
      throws RuleFileException {
    List<RuleFile> files = new ArrayList<>();
    if (defaultPack) {
      RuleChecker.Result pack = RuleFileLoader.parse(packText(), DEFAULT_PACK_NAME);
      if (!pack.errors().isEmpty()) {
        throw new RuleFileException(pack.errors());
      }
      files.add(pack.file());
    }
    files.addAll(RuleFileLoader.load(cfg.rules().ruleFiles(), Path.of("")));
    return files;
  }

  private static String packText() {
    try (InputStream in = RulesRuntime.class.getResourceAsStream(PACK_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("BUG: default rule pack missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The built-in router's silences, or null without a {@code notify} section. */
  public @Nullable Silences silences() {
    Router r = router;
    return r == null ? null : r.silences();
  }

  @Override
  public List<GroupSnapshot> groups() {
    return manager.groups();
  }

  @Override
  public List<AlertSnapshot> alerts() {
    return manager.alerts();
  }

  @Override
  public List<java.net.URI> activeAlertmanagers() {
    Alerting a = alerting.get();
    return a == null ? List.of() : a.alertmanagers();
  }

  @Override
  public List<java.net.URI> droppedAlertmanagers() {
    Alerting a = alerting.get();
    return a == null ? List.of() : a.droppedAlertmanagers();
  }

  /** Stops evaluation, then the notifiers, then writes the last history. */
  @Override
  public void close() {
    manager.close();
    Alerting a = alerting.get();
    if (a != null) {
      a.close();
    }
    if (router != null) {
      try {
        router.close();
      } catch (IOException e) {
        LOG.atWarn().addKeyValue("err", e.getMessage()).log("notification state not saved");
      }
    }
    history.close();
    if (httpClient != null) {
      httpClient.close();
    }
  }
}
