package io.moraine.testkit.storage;

import static io.moraine.testkit.storage.ContractSupport.nonEmpty;
import static io.moraine.testkit.storage.ContractSupport.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleRejectedException;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.Storage;
import io.moraine.testkit.storage.ContractSupport.Point;
import io.moraine.testkit.storage.ContractSupport.SeriesDump;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * A seeded random workload run against a store and {@link ReferenceStorage} in lockstep: appends
 * (by labels and by ref, in order, out of order, duplicate, invalid), commits, rollbacks and
 * selects with random matchers, each result compared. Within one batch the samples of a series only
 * move forward, since whether an out-of-order sample inside a batch throws at append or is dropped
 * at commit is left to the store.
 */
final class DifferentialWorkload {
  private static final int RECENT_OPS = 25;

  private final Random rnd;
  private final Storage impl;
  private final ReferenceStorage ref = new ReferenceStorage();
  private final List<Labels> pool = DifferentialUniverse.series();
  private final Map<Labels, Long> implRefs = new HashMap<>();
  private final Map<Labels, Long> refRefs = new HashMap<>();
  private final Map<Labels, Long> pendingNewest = new HashMap<>();
  private final Map<Labels, Point> lastAccepted = new HashMap<>();
  private final Deque<String> recent = new ArrayDeque<>();
  private Appender implApp;
  private Appender refApp;
  private long maxTimeSeen;

  DifferentialWorkload(Storage impl, long seed) {
    this.impl = impl;
    this.rnd = new Random(seed);
    this.implApp = impl.appender();
    this.refApp = ref.appender();
  }

  /** Runs {@code ops} random operations, then commits and compares everything. */
  void run(int ops) {
    for (int i = 0; i < ops; i++) {
      int dice = rnd.nextInt(100);
      if (dice < 62) {
        appendByLabels();
      } else if (dice < 70) {
        appendByRef();
      } else if (dice < 77) {
        endBatch(true);
      } else if (dice < 80) {
        endBatch(false);
      } else if (dice < 94) {
        compareSelect();
      } else {
        compareLabels();
      }
    }
    endBatch(true);
    note("final full comparison");
    compare(Long.MIN_VALUE, Long.MAX_VALUE, SelectHints.NONE, true, Matcher.re("__name__", ".*"));
  }

  /** The last operations, for the failure message. */
  String recentOps() {
    return String.join("\n", recent);
  }

  private void appendByLabels() {
    Labels l = pool.get(rnd.nextInt(pool.size()));
    long t = nextTime(l);
    double v = nextValue(l, t);
    note("append " + l + " " + Point.of(t, v));
    String implOut = outcome(() -> implApp.append(l, t, v), implRefs, l);
    String refOut = outcome(() -> refApp.append(l, t, v), refRefs, l);
    assertThat(implOut).as("outcome of append %s %s", l, Point.of(t, v)).isEqualTo(refOut);
    accepted(refOut, l, t, v);
  }

  private void appendByRef() {
    List<Labels> known = new ArrayList<>(implRefs.keySet());
    known.retainAll(refRefs.keySet());
    if (known.isEmpty()) {
      return;
    }
    known.sort(Comparator.naturalOrder());
    Labels l = known.get(rnd.nextInt(known.size()));
    long t = nextTime(l);
    double v = nextValue(l, t);
    long implRef = Objects.requireNonNull(implRefs.get(l));
    long refRef = Objects.requireNonNull(refRefs.get(l));
    note("append by ref " + l + " " + Point.of(t, v));
    String implOut = outcome(() -> implApp.append(implRef, t, v), implRefs, l);
    String refOut = outcome(() -> refApp.append(refRef, t, v), refRefs, l);
    assertThat(implOut).as("outcome of append by ref %s %s", l, Point.of(t, v)).isEqualTo(refOut);
    accepted(refOut, l, t, v);
  }

  private void endBatch(boolean commit) {
    note(commit ? "commit" : "rollback");
    if (commit) {
      implApp.commit();
      refApp.commit();
    } else {
      implApp.rollback();
      refApp.rollback();
    }
    pendingNewest.clear();
    implApp = impl.appender();
    refApp = ref.appender();
    assertThat(impl.minTime()).as("minTime").isEqualTo(ref.minTime());
    assertThat(impl.maxTime()).as("maxTime").isEqualTo(ref.maxTime());
  }

  private void compareSelect() {
    long mint = rnd.nextInt(10) == 0 ? Long.MIN_VALUE : rnd.nextLong(-100, maxTimeSeen + 100);
    long maxt = rnd.nextInt(10) == 0 ? Long.MAX_VALUE : mint + rnd.nextLong(0, 400);
    SelectHints hints = SelectHints.NONE;
    if (rnd.nextInt(5) == 0 && mint > Long.MIN_VALUE && maxt < Long.MAX_VALUE) {
      long start = rnd.nextLong(mint, maxt + 1);
      hints = new SelectHints(start, rnd.nextLong(start, maxt + 1));
    }
    Matcher[] ms = DifferentialUniverse.randomMatchers(rnd);
    compare(mint, maxt, hints, rnd.nextBoolean(), ms);
  }

  private void compare(long mint, long maxt, SelectHints hints, boolean sorted, Matcher... ms) {
    note("select [" + mint + ", " + maxt + "] " + hints + " sorted=" + sorted + " " + List.of(ms));
    try (Querier qi = impl.querier(mint, maxt);
        Querier qr = ref.querier(mint, maxt)) {
      boolean valid = isValidSelector(ms);
      if (!valid) {
        assertThat(failure(() -> qi.select(sorted, hints, ms)))
            .as("select %s with only empty-matching matchers", List.of(ms))
            .isInstanceOf(IllegalArgumentException.class);
        return;
      }
      long from = Math.max(mint, hints.startMillis());
      long to = Math.min(maxt, hints.endMillis());
      List<SeriesDump> got = clamp(read(qi, sorted, hints, mint, maxt, ms), from, to);
      List<SeriesDump> want = clamp(read(qr, true, SelectHints.NONE, mint, maxt, ms), from, to);
      if (!sorted) {
        got = got.stream().sorted(Comparator.comparing(SeriesDump::labels)).toList();
      }
      assertThat(got).as("select [%d, %d] %s", mint, maxt, List.of(ms)).isEqualTo(want);
    }
  }

  private void compareLabels() {
    long mint = rnd.nextLong(-100, maxTimeSeen + 100);
    long maxt = mint + rnd.nextLong(0, 400);
    Matcher[] ms = rnd.nextInt(3) == 0 ? new Matcher[0] : DifferentialUniverse.randomMatchers(rnd);
    String name = DifferentialUniverse.randomLabelName(rnd);
    note("labels [" + mint + ", " + maxt + "] " + name + " " + List.of(ms));
    boolean overlaps = ref.maxTime() >= mint && ref.minTime() <= maxt;
    try (Querier qi = impl.querier(mint, maxt);
        Querier qr = ref.querier(mint, maxt)) {
      List<String> names = qi.labelNames(ms);
      List<String> values = qi.labelValues(name, ms);
      assertThat(names).as("labelNames %s", List.of(ms)).isSorted().doesNotHaveDuplicates();
      assertThat(values)
          .as("labelValues %s %s", name, List.of(ms))
          .isSorted()
          .doesNotHaveDuplicates();
      assertThat(names).containsAll(qr.labelNames(ms));
      assertThat(values).containsAll(qr.labelValues(name, ms));
      assertThat(DifferentialUniverse.names()).containsAll(names);
      assertThat(DifferentialUniverse.values(name)).containsAll(values);
      if (!overlaps) {
        assertThat(names).as("labelNames outside the data's time range").isEmpty();
        assertThat(values).as("labelValues outside the data's time range").isEmpty();
      }
    }
  }

  /** The next time for a series: forward only within a batch, anything near its newest else. */
  private long nextTime(Labels l) {
    Long pending = pendingNewest.get(l);
    if (pending != null) {
      return pending + 10L * (1 + rnd.nextInt(3));
    }
    Point last = lastAccepted.get(l);
    long base = last == null ? 10L * rnd.nextInt(20) : last.t();
    int dice = rnd.nextInt(10);
    if (dice < 6) {
      return base + 10L * (1 + rnd.nextInt(3));
    }
    return dice < 8 ? base : base - 10L * (1 + rnd.nextInt(5));
  }

  private double nextValue(Labels l, long t) {
    Point last = lastAccepted.get(l);
    if (last != null && last.t() == t && rnd.nextBoolean()) {
      return Double.longBitsToDouble(last.valueBits());
    }
    return switch (rnd.nextInt(12)) {
      case 0 -> Double.NaN;
      case 1 -> StaleNaN.VALUE;
      case 2 -> Double.POSITIVE_INFINITY;
      case 3 -> Double.NEGATIVE_INFINITY;
      case 4 -> -0.0;
      case 5 -> 0.0;
      case 6, 7 -> rnd.nextDouble() * 1e6;
      default -> rnd.nextInt(100);
    };
  }

  private void accepted(String outcome, Labels l, long t, double v) {
    if (outcome.equals("ok")) {
      pendingNewest.merge(l, t, Math::max);
      lastAccepted.put(l, Point.of(t, v));
      maxTimeSeen = Math.max(maxTimeSeen, t);
    }
  }

  private static String outcome(LongSupplier append, Map<Labels, Long> refs, Labels l) {
    try {
      refs.put(l, append.getAsLong());
      return "ok";
    } catch (SampleRejectedException e) {
      return e.getClass().getSimpleName();
    }
  }

  private static Throwable failure(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected an exception");
  }

  private static boolean isValidSelector(Matcher... ms) {
    for (Matcher m : ms) {
      if (!m.matchesEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static List<SeriesDump> clamp(List<SeriesDump> dumps, long from, long to) {
    List<SeriesDump> out = new ArrayList<>();
    for (SeriesDump d : dumps) {
      out.add(
          new SeriesDump(
              d.labels(), d.points().stream().filter(p -> p.t() >= from && p.t() <= to).toList()));
    }
    return nonEmpty(out);
  }

  private void note(String op) {
    if (recent.size() == RECENT_OPS) {
      recent.removeFirst();
    }
    recent.addLast(op);
  }
}
