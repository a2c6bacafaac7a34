package io.moraine.rules.notify.route;

import io.moraine.core.labels.Labels;
import io.moraine.core.time.Clock;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.AlertSink;
import io.moraine.rules.notify.AlertState;
import io.moraine.rules.notify.AlertStateChange;
import io.moraine.rules.notify.AlertStateListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in Alertmanager: routes alerts into aggregation groups and notifies receivers with
 * Alertmanager 0.25's timing, inhibition, silences and dedup. Thread-safe.
 *
 * <p>Lifecycle: {@link #open} loads the state directory; {@link #start} runs {@link #tick} every
 * second on a scheduler thread, each due flush on its own virtual thread; {@link #close} stops it
 * and writes the alerts. Tests drive it with a manual clock and {@link #tick} instead of {@link
 * #start}.
 */
public final class Router implements AlertSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final long TICK_MILLIS = 1_000;
  private static final long GC_EVERY_MILLIS = 60_000;

  private final Route root;
  private final Inhibitor inhibitor;
  private final Silences silences;
  private final Flusher flusher;
  private final Clock clock;
  private final long resolveTimeoutMillis;
  private final AlertStateListener listener;
  private final RouterMetrics metrics;
  private final Path alertsFile;
  private final Map<String, List<TimeInterval>> timeIntervals;
  private final Object lock = new Object();
  private final Map<Labels, Alert> store = new HashMap<>();
  private final Map<String, AggrGroup> groups = new LinkedHashMap<>();
  private final Set<Labels> muted = new HashSet<>();
  private boolean alertsDirty;
  private long lastGcMillis;
  private @Nullable ScheduledExecutorService scheduler;

  private Router(NotifyOptions o, Silences silences, NotificationLog nflog) {
    this.root = Route.root(o.root(), o.timeIntervals().keySet());
    this.timeIntervals = o.timeIntervals();
    this.inhibitor = new Inhibitor(o.inhibitRules());
    this.silences = silences;
    this.clock = o.clock();
    this.resolveTimeoutMillis = o.resolveTimeout().toMillis();
    this.listener = o.listener();
    this.metrics = new RouterMetrics(o.registry());
    this.flusher = new Flusher(o.receivers(), nflog, metrics, o.externalUrl());
    this.alertsFile = o.stateDir().resolve("alerts");
    this.lastGcMillis = clock.nowMillis();
  }

  /**
   * Builds a router over the state in {@code o.stateDir()} (silences, notification log, alerts).
   *
   * @throws InvalidRouteException when the routing tree or an inhibition rule is invalid
   * @throws io.moraine.core.encoding.CorruptionException when a state file fails a check
   */
  public static Router open(NotifyOptions o) throws IOException {
    Path dir = o.stateDir();
    Silences silences = Silences.open(dir.resolve("silences"), o.clock());
    NotificationLog nflog = NotificationLog.open(dir.resolve("nflog"));
    Router r = new Router(o, silences, nflog);
    List<Alert> saved = AlertSnapshot.read(r.alertsFile);
    synchronized (r.lock) {
      long now = r.clock.nowMillis();
      for (Alert a : saved) {
        r.insert(a, now);
      }
      r.alertsDirty = false;
      r.metrics.silences(silences.countByState());
    }
    return r;
  }

  /** The silences, for the HTTP API. */
  public Silences silences() {
    return silences;
  }

  /** Starts the scheduler thread that calls {@link #tick} every second. Idempotent. */
  public synchronized void start() {
    if (scheduler == null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("moraine-notify-router").daemon().factory());
      scheduler.scheduleWithFixedDelay(
          () -> tick(false), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Stops the scheduler and writes the alerts; deliveries in flight finish on their own. */
  @Override
  public void close() throws IOException {
    synchronized (this) {
      if (scheduler != null) {
        scheduler.shutdownNow();
        scheduler = null;
      }
    }
    saveAlerts(true);
  }

  /**
   * Takes alerts from the rules. An alert without an end time gets now + resolve_timeout; one that
   * overlaps the stored alert with its labels keeps the earlier start. Never throws.
   */
  @Override
  public void send(List<Alert> alerts) {
    synchronized (lock) {
      long now = clock.nowMillis();
      for (Alert a : alerts) {
        try {
          insert(a, now);
        } catch (RuntimeException e) {
          LOG.atError()
              .addKeyValue("alert", a.labels())
              .addKeyValue("error", e.toString())
              .log("alert not routed");
        }
      }
    }
    flushDueSoon();
  }

  /**
   * Once started, runs the flushes that are already due (a new group whose group_wait is 0 or has
   * passed) at once instead of at the next tick, so that notifications do not wait up to a second.
   */
  private void flushDueSoon() {
    ScheduledExecutorService s;
    synchronized (this) {
      s = scheduler;
    }
    if (s == null) {
      return;
    }
    try {
      s.execute(this::startDueFlushes);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing: the next start's tick flushes what is due
    }
  }

  /**
   * Runs every group flush that is due at the clock's time, waits for them to finish, and does the
   * periodic work (garbage collection, metrics, writing changed alerts).
   */
  public void tick() {
    tick(true);
  }

  private void tick(boolean wait) {
    try {
      List<Thread> started = startDueFlushes();
      if (wait) {
        for (Thread t : started) {
          t.join();
        }
      }
      housekeeping();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      metrics.failed.inc();
      LOG.atError().addKeyValue("error", e.toString()).log("router tick failed");
    }
  }

  /** Starts a flush, each on its own virtual thread, for every group due at the clock's time. */
  private List<Thread> startDueFlushes() {
    List<Thread> started = new ArrayList<>();
    for (AggrGroup g : dueGroups(clock.nowMillis())) {
      started.add(Thread.ofVirtual().name("moraine-notify-flush").start(() -> flush(g)));
    }
    return started;
  }

  private void insert(Alert in, long now) {
    Alert a = in;
    if (a.endsAtMillis() <= 0) {
      a =
          new Alert(
              a.labels(),
              a.annotations(),
              a.startsAtMillis(),
              now + resolveTimeoutMillis,
              a.generatorUrl());
    }
    Alert old = store.get(a.labels());
    if (old != null
        && old.startsAtMillis() < a.startsAtMillis()
        && a.startsAtMillis() <= old.endsAtMillis()) {
      a =
          new Alert(
              a.labels(),
              a.annotations(),
              old.startsAtMillis(),
              a.endsAtMillis(),
              a.generatorUrl());
    }
    store.put(a.labels(), a);
    alertsDirty = true;
    for (Route r : root.match(a.labels())) {
      Labels gl = r.groupLabels(a.labels());
      String key = AggrGroup.key(r, gl);
      AggrGroup g = groups.computeIfAbsent(key, k -> new AggrGroup(r, gl, now));
      g.insert(a, now);
    }
    metrics.groups.set(groups.size());
  }

  private List<AggrGroup> dueGroups(long now) {
    List<AggrGroup> due = new ArrayList<>();
    synchronized (lock) {
      for (AggrGroup g : groups.values()) {
        if (!g.flushing && g.nextFlushMillis <= now) {
          g.flushing = true;
          g.hasFlushed = true;
          g.nextFlushMillis = now + g.route.groupIntervalMillis();
          due.add(g);
        }
      }
    }
    return due;
  }

  private void flush(AggrGroup g) {
    long now = clock.nowMillis();
    List<Alert> snapshot;
    List<Alert> unmuted;
    synchronized (lock) {
      snapshot = List.copyOf(g.alerts.values());
      unmuted = unmuted(g.route, snapshot, now);
    }
    boolean ok = false;
    try {
      ok =
          flusher.notify(
              g.route.receiver(),
              g.key,
              g.groupLabelMap(),
              unmuted,
              now,
              g.route.groupIntervalMillis(),
              g.route.repeatIntervalMillis());
    } finally {
      synchronized (lock) {
        g.flushing = false;
        if (ok) {
          for (Alert a : snapshot) {
            if (a.resolvedAt(now)) {
              g.alerts.remove(a.labels(), a);
            }
          }
          if (g.alerts.isEmpty()) {
            groups.remove(g.key, g);
            metrics.groups.set(groups.size());
          }
        }
      }
    }
  }

  /**
   * Alertmanager's muting stages in order: inhibition, the route's active and mute time intervals
   * (all of the group's remaining alerts or none), silences. Emits SILENCED when an alert becomes
   * inhibited or silenced. Holds the lock.
   */
  private List<Alert> unmuted(Route route, List<Alert> snapshot, long now) {
    List<Alert> uninhibited = new ArrayList<>();
    for (Alert a : snapshot) {
      if (!inhibitor.isEmpty() && inhibitor.mutes(a.labels(), store.values(), now)) {
        metrics.inhibited.inc();
        suppressed(a, now);
      } else {
        uninhibited.add(a);
      }
    }
    if (uninhibited.isEmpty()) {
      return uninhibited;
    }
    if (timeMuted(route, now)) {
      metrics.muted.add(uninhibited.size());
      return List.of();
    }
    List<Alert> out = new ArrayList<>();
    for (Alert a : uninhibited) {
      if (silences.mutedBy(a.labels()).isEmpty()) {
        muted.remove(a.labels());
        out.add(a);
      } else {
        metrics.silenced.inc();
        suppressed(a, now);
      }
    }
    return out;
  }

  /**
   * Whether the route notifies nothing at {@code now}: outside all its active time intervals (when
   * it has some) or inside one of its mute time intervals.
   */
  private boolean timeMuted(Route route, long now) {
    if (route.activeTimeIntervals().isEmpty() && route.muteTimeIntervals().isEmpty()) {
      return false;
    }
    Instant t = Instant.ofEpochMilli(now);
    if (!route.activeTimeIntervals().isEmpty() && !anyActive(route.activeTimeIntervals(), t)) {
      return true;
    }
    return anyActive(route.muteTimeIntervals(), t);
  }

  private boolean anyActive(List<String> names, Instant t) {
    for (String n : names) {
      if (TimeInterval.anyMatches(timeIntervals.getOrDefault(n, List.of()), t)) {
        return true;
      }
    }
    return false;
  }

  private void suppressed(Alert a, long now) {
    if (muted.add(a.labels())) {
      try {
        listener.onChange(
            new AlertStateChange(
                now, a.labels(), AlertState.SILENCED, Double.NaN, a.startsAtMillis()));
      } catch (RuntimeException e) {
        LOG.atWarn().addKeyValue("error", e.toString()).log("alert state listener failed");
      }
    }
  }

  private void housekeeping() throws IOException {
    long now = clock.nowMillis();
    if (now - lastGcMillis >= GC_EVERY_MILLIS) {
      lastGcMillis = now;
      silences.collectGarbage();
      collectAlerts(now);
    }
    metrics.silences(silences.countByState());
    synchronized (lock) {
      int suppressed = 0;
      int active = 0;
      for (Alert a : store.values()) {
        if (!a.resolvedAt(now)) {
          if (muted.contains(a.labels())) {
            suppressed++;
          } else {
            active++;
          }
        }
      }
      metrics.activeAlerts.set(active);
      metrics.suppressedAlerts.set(suppressed);
    }
    saveAlerts(false);
  }

  /** Drops resolved alerts that no group holds any more. */
  private void collectAlerts(long now) {
    synchronized (lock) {
      Set<Labels> held = new HashSet<>();
      for (AggrGroup g : groups.values()) {
        held.addAll(g.alerts.keySet());
      }
      alertsDirty |= store.values().removeIf(a -> a.resolvedAt(now) && !held.contains(a.labels()));
      muted.retainAll(store.keySet());
    }
  }

  private void saveAlerts(boolean always) throws IOException {
    List<Alert> alerts;
    synchronized (lock) {
      if (!alertsDirty && !always) {
        return;
      }
      alertsDirty = false;
      alerts = new ArrayList<>(store.values());
    }
    AlertSnapshot.write(alertsFile, alerts);
  }
}
