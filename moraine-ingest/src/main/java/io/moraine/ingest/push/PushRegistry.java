package io.moraine.ingest.push;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.storage.Appendable;
import io.moraine.core.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pushed groups, with Pushgateway 1.x semantics: {@link #push} with {@code replace} (PUT)
 * replaces the whole group, without (POST) only the families of the same names; {@link #delete}
 * removes the group. Every sample gets the grouping key's labels (overriding the body's); the empty
 * {@code instance} Pushgateway adds is no label once stored, as when Prometheus scrapes a
 * Pushgateway with {@code honor_labels: true}. Each group also has {@code push_time_seconds} and
 * {@code push_failure_time_seconds} gauges.
 *
 * <p>Samples reach the store at push time (at the {@link Clock}'s now) and again on every refresh
 * ({@link #start}), so that they stay visible within the lookback; series that a replace or delete
 * drops get a staleness marker. With a persistence file the groups are restored at {@link #open}
 * and written on refresh when they changed, and at {@link #close}.
 *
 * <p>Thread-safe: changes are serialised on this object; a change is in memory only once its
 * samples are committed to the store.
 */
public final class PushRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushRegistry.class);

  private final PushOptions options;
  private final GroupAppender appender;
  private final Clock clock;
  private final Map<GroupingKey, PushGroup> groups = new HashMap<>();
  private boolean dirty;
  private @Nullable ScheduledExecutorService timer;

  private PushRegistry(PushOptions options, Appendable store, Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.appender = new GroupAppender(Objects.requireNonNull(store, "store"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A registry with the groups of the persistence file, if any. A file that cannot be read or fails
   * a check is logged as a warning and the registry starts empty; it is replaced at the next write.
   * Nothing is appended until the first push or refresh.
   */
  public static PushRegistry open(PushOptions options, Appendable store, Clock clock) {
    PushRegistry r = new PushRegistry(options, store, clock);
    options.persistenceFile().ifPresent(r::restore);
    return r;
  }

  private void restore(Path file) {
    try {
      for (PushGroup g : GroupFile.read(file)) {
        groups.put(g.key(), g);
      }
      LOG.atInfo()
          .addKeyValue("file", file)
          .addKeyValue("groups", groups.size())
          .log("push groups restored");
    } catch (CorruptionException | IOException e) {
      groups.clear();
      LOG.atWarn()
          .addKeyValue("file", file)
          .addKeyValue("err", e.getMessage())
          .log("could not load persisted push groups; starting without them");
    }
  }

  /** Starts re-appending every group each refresh interval on a background thread. Once. */
  public synchronized void start() {
    if (timer != null) {
      throw new IllegalStateException("BUG: push registry started twice");
    }
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("push-refresh").factory());
    long every = options.refreshIntervalMillis();
    t.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    timer = t;
  }

  private void tick() {
    try {
      refresh();
      persistIfChanged();
    } catch (RuntimeException e) {
      appender.countFailure();
      LOG.atWarn().addKeyValue("err", String.valueOf(e.getMessage())).log("push refresh failed");
    }
  }

  /**
   * Applies a push. {@code replace}: PUT (the group becomes the body's families), else POST (the
   * body's families replace those of the same names).
   *
   * @throws PushRejectedException when the body has timestamps or is inconsistent (the group's
   *     {@code push_failure_time_seconds} is set then, the group created if new)
   */
  public synchronized void push(GroupingKey key, PushBody body, boolean replace) {
    long now = clock.nowMillis();
    PushGroup old = groups.get(key);
    if (body.hasTimestamps()) {
      throw fail(key, old, now, "pushed metrics must not have timestamps");
    }
    Map<String, MetricFamily> families =
        old == null || replace ? new TreeMap<>() : new TreeMap<>(old.families());
    for (MetricFamily f : body.families().values()) {
      if (!f.name().equals(PushGroup.PUSH_TIME) && !f.name().equals(PushGroup.FAILURE_TIME)) {
        families.put(f.name(), GroupAppender.sanitize(f, key));
      }
    }
    List<String> errors = Consistency.check(key, families, groups.values());
    if (!errors.isEmpty()) {
      throw fail(key, old, now, Consistency.multiError(errors));
    }
    PushGroup next = new PushGroup(key, families, now, old == null ? 0 : old.failureTimeMillis());
    appender.replace(old, next, now);
    groups.put(key, next);
    dirty = true;
  }

  private PushRejectedException fail(
      GroupingKey key, @Nullable PushGroup old, long now, String reason) {
    PushGroup next =
        old == null
            ? new PushGroup(key, Map.of(), 0, now)
            : new PushGroup(key, old.families(), old.pushTimeMillis(), now);
    appender.replace(old, next, now);
    groups.put(key, next);
    dirty = true;
    return new PushRejectedException(
        "pushed metrics are invalid or inconsistent with existing metrics: " + reason);
  }

  /**
   * Removes a group, writing staleness markers for all its series. Deleting an unknown group does
   * nothing, as in Pushgateway.
   *
   * @return whether the group existed
   */
  public synchronized boolean delete(GroupingKey key) {
    PushGroup old = groups.get(key);
    if (old == null) {
      return false;
    }
    appender.replace(old, null, clock.nowMillis());
    groups.remove(key);
    dirty = true;
    return true;
  }

  /** Removes every group (Pushgateway's wipe), with staleness markers. */
  public synchronized void wipe() {
    for (GroupingKey k : new ArrayList<>(groups.keySet())) {
      delete(k);
    }
  }

  /** Appends every group's current samples at now, in one batch. */
  public synchronized void refresh() {
    appender.appendAll(groups.values(), clock.nowMillis());
  }

  /** A snapshot of the groups, sorted by grouping key. */
  public synchronized List<PushGroup> groups() {
    List<PushGroup> out = new ArrayList<>(groups.values());
    out.sort((a, b) -> a.key().toString().compareTo(b.key().toString()));
    return out;
  }

  /** The number of groups. */
  public synchronized int size() {
    return groups.size();
  }

  /** Samples the store refused and refreshes that failed since the start. */
  public long failures() {
    return appender.failures();
  }

  /** Writes the persistence file if the groups changed since the last write. */
  public void persistIfChanged() {
    Path file = options.persistenceFile().orElse(null);
    if (file == null) {
      return;
    }
    List<PushGroup> snapshot;
    synchronized (this) {
      if (!dirty) {
        return;
      }
      snapshot = groups();
      dirty = false;
    }
    try {
      GroupFile.write(file, snapshot);
    } catch (IOException e) {
      synchronized (this) {
        dirty = true;
      }
      throw new UncheckedIOException("cannot write push groups to " + file, e);
    }
  }

  /** Stops refreshing and writes the persistence file. Idempotent. */
  @Override
  public void close() {
    ScheduledExecutorService t;
    synchronized (this) {
      t = timer;
      timer = null;
    }
    if (t != null) {
      t.shutdownNow();
    }
    persistIfChanged();
  }
}
