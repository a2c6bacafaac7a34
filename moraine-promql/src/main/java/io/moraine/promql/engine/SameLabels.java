package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins output rows that share a label set, as Prometheus's range evaluation joins the samples of
 * equal label sets across steps, and finds the first step at which two of them both have a sample
 * (Prometheus's "vector cannot contain metrics with the same labelset").
 */
final class SameLabels {
  static final String COLLISION = "vector cannot contain metrics with the same labelset";

  private SameLabels() {}

  /**
   * @param rows each label set once
   * @param collisionStep the first step where two rows with equal labels both have a sample, or -1
   */
  record Joined(List<Row> rows, int collisionStep) {}

  /**
   * The rows with each label set once, in order of first appearance; a later row's samples are
   * copied into the first row with its labels (the rows passed in must be the caller's own). On a
   * collision the rows are joined only as far as that is meaningful: the caller must fail.
   */
  static Joined join(List<Row> rows) {
    if (rows.size() < 2) {
      return new Joined(rows, -1);
    }
    int collision = -1;
    Map<Labels, Row> first = new HashMap<>(rows.size() * 2);
    List<Row> out = null;
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      Row earlier = first.putIfAbsent(row.labels, row);
      if (earlier == null) {
        if (out != null) {
          out.add(row);
        }
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(rows.subList(0, i));
      }
      int overlap = firstCommon(earlier.present, row.present);
      if (overlap >= 0) {
        if (collision < 0 || overlap < collision) {
          collision = overlap;
        }
        continue;
      }
      BitSet p = row.present;
      for (int s = p.nextSetBit(0); s >= 0; s = p.nextSetBit(s + 1)) {
        earlier.set(s, row.values[s]);
      }
    }
    return new Joined(out == null ? rows : out, collision);
  }

  /**
   * {@link #join}, failing on a collision.
   *
   * @throws QueryException.Execution when two rows with equal labels have a sample at one step
   */
  static List<Row> joinOrFail(List<Row> rows) {
    Joined joined = join(rows);
    if (joined.collisionStep() >= 0) {
      throw new QueryException.Execution(COLLISION);
    }
    return joined.rows();
  }

  /**
   * Fails when two rows have the same label set at all, whatever their steps (Prometheus checks a
   * range function's whole output matrix this way).
   */
  static void requireDistinct(List<Row> rows) {
    if (rows.size() < 2) {
      return;
    }
    Map<Labels, Row> seen = new HashMap<>(rows.size() * 2);
    for (Row row : rows) {
      if (seen.putIfAbsent(row.labels, row) != null) {
        throw new QueryException.Execution(COLLISION);
      }
    }
  }

  /** The first step both sets contain, or -1. */
  static int firstCommon(BitSet a, BitSet b) {
    if (!a.intersects(b)) {
      return -1;
    }
    BitSet both = (BitSet) a.clone();
    both.and(b);
    return both.nextSetBit(0);
  }
}
