package io.moraine.testkit.storage;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** The querier of {@link ReferenceStorage}: scans a sorted snapshot taken when it was opened. */
final class ReferenceQuerier implements Querier {
  private final List<ArraySeries> snapshot;
  private boolean closed;

  ReferenceQuerier(List<ArraySeries> snapshot) {
    this.snapshot = snapshot;
  }

  @Override
  public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
    checkOpen();
    Objects.requireNonNull(hints, "hints");
    requireNonEmptyMatcher(matchers);
    return new ListSeriesSet(matching(matchers));
  }

  @Override
  public List<String> labelValues(String name, Matcher... matchers) {
    checkOpen();
    TreeSet<String> values = new TreeSet<>();
    for (ArraySeries s : matching(matchers)) {
      String v = s.labels().get(name);
      if (v != null) {
        values.add(v);
      }
    }
    return List.copyOf(values);
  }

  @Override
  public List<String> labelNames(Matcher... matchers) {
    checkOpen();
    TreeSet<String> names = new TreeSet<>();
    for (ArraySeries s : matching(matchers)) {
      for (int i = 0; i < s.labels().size(); i++) {
        names.add(s.labels().name(i));
      }
    }
    return List.copyOf(names);
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Whether a label set satisfies every matcher, a missing label matching as "". */
  static boolean matchesAll(Labels labels, Matcher... matchers) {
    for (Matcher m : matchers) {
      if (!m.matches(labels.getOrEmpty(m.name()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Prometheus' rule that a selector needs at least one matcher that does not match "".
   *
   * @throws IllegalArgumentException when there is none
   */
  static void requireNonEmptyMatcher(Matcher... matchers) {
    for (Matcher m : matchers) {
      if (!m.matchesEmpty()) {
        return;
      }
    }
    throw new IllegalArgumentException(
        "a selector needs at least one matcher that does not match the empty string, got "
            + List.of(matchers));
  }

  private List<ArraySeries> matching(Matcher... matchers) {
    List<ArraySeries> out = new ArrayList<>();
    for (ArraySeries s : snapshot) {
      if (matchesAll(s.labels(), matchers)) {
        out.add(s);
      }
    }
    return out;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("querier is closed");
    }
  }
}
