package io.moraine.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.core.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reading and writing helpers shared by the contract interfaces. */
final class ContractSupport {
  private ContractSupport() {}

  /** One sample, its value as raw bits so that NaN payloads compare exactly. */
  record Point(long t, long valueBits) {
    static Point of(long t, double v) {
      return new Point(t, Double.doubleToRawLongBits(v));
    }

    @Override
    public String toString() {
      return t
          + "="
          + Double.longBitsToDouble(valueBits)
          + "(0x"
          + Long.toHexString(valueBits)
          + ")";
    }
  }

  /** One series as read back: labels and every sample. */
  record SeriesDump(Labels labels, List<Point> points) {
    @Override
    public String toString() {
      return labels + " " + points;
    }
  }

  /** Builds a dump for expectations: {@code dump(labels, t0, v0, t1, v1, ...)}. */
  static SeriesDump dump(Labels labels, double... timesAndValues) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < timesAndValues.length; i += 2) {
      points.add(Point.of((long) timesAndValues[i], timesAndValues[i + 1]));
    }
    return new SeriesDump(labels, points);
  }

  /**
   * A sorted select over {@code [mint, maxt]} with series that have no samples in range left out,
   * checking the order of series and of samples on the way.
   */
  static List<SeriesDump> select(Storage storage, long mint, long maxt, Matcher... matchers) {
    try (Querier q = storage.querier(mint, maxt)) {
      return nonEmpty(read(q, true, SelectHints.NONE, mint, maxt, matchers));
    }
  }

  /** All samples of the series matching {@code matchers}, over all time. */
  static List<SeriesDump> selectAll(Storage storage, Matcher... matchers) {
    return select(storage, Long.MIN_VALUE, Long.MAX_VALUE, matchers);
  }

  /**
   * Drains a select, asserting that sorted sets are in label order, labels are unique, samples are
   * strictly ascending and inside {@code [mint, maxt]}.
   */
  static List<SeriesDump> read(
      Querier q, boolean sorted, SelectHints hints, long mint, long maxt, Matcher... matchers) {
    SeriesSet set = q.select(sorted, hints, matchers);
    List<SeriesDump> out = new ArrayList<>();
    @Nullable SampleIterator reuse = null;
    while (set.next()) {
      Labels labels = set.at().labels();
      SampleIterator it = set.at().iterator(reuse);
      List<Point> points = new ArrayList<>();
      while (it.next()) {
        Point p = new Point(it.atT(), Double.doubleToRawLongBits(it.atV()));
        assertThat(p.t())
            .as("sample time of %s within [%d, %d]", labels, mint, maxt)
            .isBetween(mint, maxt);
        if (!points.isEmpty()) {
          assertThat(p.t())
              .as("samples of %s strictly ascending", labels)
              .isGreaterThan(points.getLast().t());
        }
        points.add(p);
      }
      assertThat(it.next()).as("iterator of %s stays at its end", labels).isFalse();
      if (!out.isEmpty()) {
        int c = out.getLast().labels().compareTo(labels);
        if (sorted) {
          assertThat(c)
              .as("series in Labels order: %s before %s", out.getLast().labels(), labels)
              .isNegative();
        }
      }
      out.add(new SeriesDump(labels, points));
      reuse = it;
    }
    assertThat(out.stream().map(SeriesDump::labels).distinct().count())
        .as("each series once in %s", out)
        .isEqualTo(out.size());
    return out;
  }

  static List<SeriesDump> nonEmpty(List<SeriesDump> dumps) {
    List<SeriesDump> out = new ArrayList<>();
    for (SeriesDump d : dumps) {
      if (!d.points().isEmpty()) {
        out.add(d);
      }
    }
    return out;
  }

  /** Appends alternating times and values to one series in a new appender and commits. */
  static long commit(Storage storage, Labels labels, double... timesAndValues) {
    Appender app = storage.appender();
    long ref = 0;
    for (int i = 0; i < timesAndValues.length; i += 2) {
      ref = app.append(labels, (long) timesAndValues[i], timesAndValues[i + 1]);
    }
    app.commit();
    return ref;
  }

  /** The samples of one series read back over all time; empty when the series is not found. */
  static List<Point> points(Storage storage, Labels labels) {
    List<Matcher> ms = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      ms.add(Matcher.eq(labels.name(i), labels.value(i)));
    }
    for (SeriesDump d : selectAll(storage, ms.toArray(Matcher[]::new))) {
      if (d.labels().equals(labels)) {
        return d.points();
      }
    }
    return List.of();
  }
}
