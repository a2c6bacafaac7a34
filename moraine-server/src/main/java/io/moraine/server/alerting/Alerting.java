package io.moraine.server.alerting;

import io.moraine.core.discovery.Discoverer;
import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.ingest.relabel.Relabeler;
import io.moraine.rules.notify.AlertSink;
import io.moraine.rules.notify.alertmanager.AlertmanagerNotifier;
import io.moraine.rules.notify.alertmanager.AlertmanagerNotifierOptions;
import io.moraine.rules.notify.alertmanager.AlertmanagerSetOptions;
import io.moraine.server.config.AlertingConfig;
import io.moraine.server.config.AlertmanagerConfig;
import io.moraine.server.scrape.TargetDiscovery;
import io.moraine.server.tls.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The server's alert notifications: an {@link AlertmanagerNotifier} fed with the Alertmanagers that
 * each {@code alerting.alertmanagers} entry discovers (static, file, HTTP, Kubernetes) and
 * relabels, with the external labels and {@code alert_relabel_configs} applied to every alert. Rule
 * evaluation sends to {@link #sink}. Lifecycle: construct, {@link #start}, {@link #close}; not
 * restartable. Thread-safe once started.
 */
public final class Alerting implements AutoCloseable {
  private AlertingConfig config;
  private Labels externalLabels;
  private final Clock clock;
  private final MetricRegistry registry;
  private final TargetDiscovery.Metrics sdMetrics;
  private final String version;
  private final List<Discoverer> discoverers = new ArrayList<>();
  private final List<AlertmanagerTargets> sets = new ArrayList<>();
  private @Nullable AlertmanagerNotifier notifier;

  /**
   * @param config the {@code alerting} section
   * @param externalLabels {@code global.external_labels}, added to alerts that lack them
   * @param registry where {@code moraine_notifications_*} are registered (at {@link #start})
   * @param sdMetrics the discovery metrics shared with scraping
   * @param version Moraine's version, for the {@code User-Agent}
   */
  public Alerting(
      AlertingConfig config,
      Labels externalLabels,
      Clock clock,
      MetricRegistry registry,
      TargetDiscovery.Metrics sdMetrics,
      String version) {
    this.config = Objects.requireNonNull(config, "config");
    this.externalLabels = Objects.requireNonNull(externalLabels, "externalLabels");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.sdMetrics = Objects.requireNonNull(sdMetrics, "sdMetrics");
    this.version = Objects.requireNonNull(version, "version");
  }

  /**
   * Starts the notifier and every set's discovery.
   *
   * @throws IOException when a credentials or TLS file cannot be read
   * @throws IllegalStateException when started twice
   */
  public synchronized void start() throws IOException {
    if (notifier != null) {
      throw new IllegalStateException("BUG: alerting started twice");
    }
    AlertmanagerNotifier n = new AlertmanagerNotifier(notifierOptions(), clock, registry);
    notifier = n;
    startDiscovery(n);
  }

  /**
   * Applies a reloaded {@code alerting} section: external labels, alert relabeling and the
   * Alertmanager sets change for the next alerts (the queue is kept); discovery restarts.
   *
   * @throws IOException when a credentials or TLS file cannot be read; nothing changes then
   */
  public synchronized void reload(AlertingConfig newConfig, Labels newExternalLabels)
      throws IOException {
    AlertmanagerNotifier n = notifier;
    if (n == null) {
      throw new IllegalStateException("BUG: alerting reloaded before it started");
    }
    AlertingConfig oldConfig = config;
    Labels oldLabels = externalLabels;
    config = newConfig;
    externalLabels = newExternalLabels;
    AlertmanagerNotifierOptions options;
    try {
      options = notifierOptions();
    } catch (IOException | RuntimeException e) {
      config = oldConfig;
      externalLabels = oldLabels;
      throw e;
    }
    discoverers.forEach(Discoverer::close);
    discoverers.clear();
    sets.clear();
    n.applyOptions(options);
    startDiscovery(n);
  }

  private AlertmanagerNotifierOptions notifierOptions() throws IOException {
    List<AlertmanagerSetOptions> setOptions = new ArrayList<>();
    for (AlertmanagerConfig c : config.alertmanagers()) {
      setOptions.add(setOptions(c));
    }
    Relabeler relabel = Relabeler.of(config.alertRelabelConfigs());
    return AlertmanagerNotifierOptions.DEFAULT
        .withExternalLabels(externalLabels)
        .withAlertRelabel(relabel::process)
        .withSets(setOptions)
        .withUserAgent("Moraine/" + version);
  }

  private void startDiscovery(AlertmanagerNotifier n) throws IOException {
    for (AlertmanagerConfig c : config.alertmanagers()) {
      AlertmanagerTargets t = new AlertmanagerTargets(c, n::updateTargets);
      sets.add(t);
      discoverers.addAll(
          TargetDiscovery.start(c.discovery(), c.name(), clock, version, sdMetrics, t::update));
    }
  }

  /** Where rule evaluation sends alerts; drops them before {@link #start}. */
  public AlertSink sink() {
    AlertmanagerNotifier n = notifier;
    return n == null ? AlertSink.NONE : n;
  }

  /** The Alertmanagers alerts go to now, for {@code /api/v1/alertmanagers}. */
  public List<URI> alertmanagers() {
    AlertmanagerNotifier n = notifier;
    return n == null ? List.of() : n.alertmanagers();
  }

  /** The Alertmanagers relabeling dropped, for {@code /api/v1/alertmanagers}. */
  public synchronized List<URI> droppedAlertmanagers() {
    List<URI> out = new ArrayList<>();
    for (AlertmanagerTargets t : sets) {
      out.addAll(t.dropped());
    }
    return out;
  }

  /** Stops discovery, then the notifier (queued alerts are abandoned, as in Prometheus). */
  @Override
  public synchronized void close() {
    discoverers.forEach(Discoverer::close);
    AlertmanagerNotifier n = notifier;
    if (n != null) {
      n.close();
    }
  }

  static AlertmanagerSetOptions setOptions(AlertmanagerConfig c) throws IOException {
    var http = c.httpClient();
    return AlertmanagerSetOptions.of(c.name())
        .withTimeout(Duration.ofMillis(c.timeoutMillis()))
        .withAuthorization(http::authorizationHeader)
        .withSslContext(TlsContexts.of(http.tls()))
        .withFollowRedirects(c.followRedirects());
  }
}
