package io.moraine.rules.group;

import io.moraine.core.labels.Labels;
import io.moraine.promql.parser.ParseException;
import io.moraine.rules.file.RuleFile;
import io.moraine.rules.file.RuleGroupSpec;
import io.moraine.rules.file.RuleSpec;
import io.moraine.rules.rule.AlertSnapshot;
import io.moraine.rules.rule.AlertingRule;
import io.moraine.rules.rule.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads rule groups, evaluates each on its own virtual thread once {@link #start}ed, and reloads
 * them as Prometheus 2.42 does: an unchanged group keeps running; a changed one is stopped and its
 * successor takes over the state of equal rules; a removed one stops and, two intervals later,
 * writes stale markers for everything it wrote. Alert {@code for} state is restored from storage
 * for the groups of the first load. Thread-safe: {@link #update}, {@link #start} and {@link #close}
 * are serialised; the read methods see a consistent set of groups.
 */
public final class RuleManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RuleManager.class);

  private final RuleManagerOptions opts;
  private final GroupMetrics metrics;
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private volatile Map<String, GroupLoop> loops = Map.of();
  private volatile Map<String, RuleGroup> groups = Map.of();
  private boolean loaded;
  private boolean started;
  private boolean closed;

  /** A manager with no groups; registers its metrics in {@code opts.registry()}. */
  public RuleManager(RuleManagerOptions opts) {
    this.opts = Objects.requireNonNull(opts, "opts");
    this.metrics = new GroupMetrics(opts.registry());
  }

  /**
   * Replaces the rule groups with those of {@code files}. Groups are identified by file path and
   * name.
   *
   * @throws RuleLoadException when a rule's expression does not parse or a file repeats a group;
   *     nothing changes then
   * @throws IllegalStateException after {@link #close}
   */
  public synchronized void update(List<RuleFile> files) throws RuleLoadException {
    if (closed) {
      throw new IllegalStateException("rule manager is closed");
    }
    Map<String, RuleGroup> fresh = load(files);
    loaded = true;
    Map<String, RuleGroup> old = new LinkedHashMap<>(groups);
    Map<String, GroupLoop> oldLoops = new LinkedHashMap<>(loops);
    Map<String, GroupLoop> newLoops = new LinkedHashMap<>();
    Map<String, RuleGroup> kept = new LinkedHashMap<>();
    for (RuleGroup ng : fresh.values()) {
      RuleGroup og = old.remove(ng.key);
      GroupLoop ol = oldLoops.remove(ng.key);
      if (og != null && og.sameDefinition(ng)) {
        kept.put(og.key, og);
        newLoops.put(og.key, Objects.requireNonNull(ol));
        continue;
      }
      if (og != null) {
        Objects.requireNonNull(ol).stop();
        ng.copyStateFrom(og);
      }
      GroupLoop loop = new GroupLoop(ng, opts.clock());
      if (started) {
        loop.start();
      }
      kept.put(ng.key, ng);
      newLoops.put(ng.key, loop);
    }
    for (RuleGroup gone : old.values()) {
      Objects.requireNonNull(oldLoops.get(gone.key)).stop();
      retire(gone);
    }
    groups = Map.copyOf(kept);
    loops = Map.copyOf(newLoops);
  }

  private Map<String, RuleGroup> load(List<RuleFile> files) throws RuleLoadException {
    boolean firstLoad = !loaded;
    AlertingRule.Environment env =
        new AlertingRule.Environment(opts.externalLabels(), opts.externalUrl(), !firstLoad);
    Map<String, RuleGroup> out = new LinkedHashMap<>();
    for (RuleFile f : files) {
      for (RuleGroupSpec g : f.groups()) {
        List<Rule> rules = new ArrayList<>(g.rules().size());
        for (RuleSpec spec : g.rules()) {
          try {
            rules.add(Rule.of(spec, env));
          } catch (ParseException e) {
            throw new RuleLoadException(
                f.path()
                    + ": group \""
                    + g.name()
                    + "\", rule \""
                    + spec.name()
                    + "\": "
                    + e.getMessage(),
                e);
          }
        }
        Duration interval = g.interval() != null ? g.interval() : opts.defaultInterval();
        Duration offset = g.queryOffset() != null ? g.queryOffset() : opts.defaultQueryOffset();
        if (interval.toMillis() <= 0) {
          throw new RuleLoadException(
              f.path() + ": group \"" + g.name() + "\": interval must be positive");
        }
        RuleGroup rg =
            new RuleGroup(
                f.path(),
                g.name(),
                interval.toMillis(),
                g.limit(),
                offset.toMillis(),
                rules,
                firstLoad,
                opts,
                metrics);
        if (out.putIfAbsent(rg.key, rg) != null) {
          throw new RuleLoadException(
              f.path() + ": groupname: \"" + g.name() + "\" is repeated in the same file");
        }
      }
    }
    return out;
  }

  /**
   * Marks a removed group's outputs stale, two intervals after its removal (so that a renamed rule
   * has written its series by then and the markers, stamped at the removal, lose to it), unless the
   * manager closes first.
   */
  private void retire(RuleGroup gone) {
    List<Labels> outputs = gone.outputs();
    if (outputs.isEmpty()) {
      return;
    }
    long now = opts.clock().nowMillis();
    Thread.ofVirtual()
        .name("rule-group-retire " + gone.key)
        .start(
            () -> {
              if (GroupLoop.waitUntil(opts.clock(), closedLatch, now + 2 * gone.intervalMillis)) {
                OutputWriter.markStale(
                    opts.appendable().get(), gone.key, outputs, now - gone.queryOffsetMillis);
              }
            });
  }

  /** Starts evaluating every group on its schedule. Idempotent. */
  public synchronized void start() {
    if (started || closed) {
      return;
    }
    started = true;
    LOG.atInfo().addKeyValue("groups", groups.size()).log("Starting rule manager");
    loops.values().forEach(GroupLoop::start);
  }

  /**
   * Stops every group, waiting for evaluations in progress; pending stale markers of removed groups
   * are dropped, as in Prometheus. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closedLatch.countDown();
    loops.values().forEach(GroupLoop::stop);
  }

  /**
   * Evaluates one group once at {@code tsMillis}, as its scheduled iteration would (metrics, alerts
   * sent, state restored after the second evaluation of a first load). For tests, tools and
   * benchmarks; safe alongside the scheduled loop (evaluations of a group are serialised).
   *
   * @throws IllegalArgumentException when no group has that file and name
   */
  public void evaluate(String file, String name, long tsMillis) {
    RuleGroup g = groups.get(file + ";" + name);
    if (g == null) {
      throw new IllegalArgumentException("no rule group \"" + name + "\" in file " + file);
    }
    g.iterate(tsMillis);
  }

  /** The groups, sorted by file then name, with their rules and active alerts. */
  public List<GroupSnapshot> groups() {
    List<RuleGroup> sorted = new ArrayList<>(groups.values());
    sorted.sort(Comparator.comparing((RuleGroup g) -> g.file).thenComparing(g -> g.name));
    List<GroupSnapshot> out = new ArrayList<>(sorted.size());
    for (RuleGroup g : sorted) {
      List<RuleSnapshot> rules = new ArrayList<>(g.rules.size());
      g.rules.forEach(r -> rules.add(RuleSnapshot.of(r)));
      out.add(
          new GroupSnapshot(
              g.name,
              g.file,
              g.intervalMillis,
              g.limit,
              g.queryOffsetMillis,
              g.lastEvaluationMillis(),
              g.evaluationTimeNanos(),
              rules));
    }
    return out;
  }

  /** Every pending or firing alert of every alerting rule, groups in {@link #groups} order. */
  public List<AlertSnapshot> alerts() {
    List<AlertSnapshot> out = new ArrayList<>();
    for (GroupSnapshot g : groups()) {
      for (RuleSnapshot r : g.rules()) {
        out.addAll(r.alerts());
      }
    }
    return out;
  }
}
