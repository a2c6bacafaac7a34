package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Operations on lists of rows that several evaluators share. */
final class Rows {
  static final String SAME_LABELSET = "vector cannot contain metrics with the same labelset";

  private Rows() {}

  /**
   * Merges rows whose label sets became equal (after dropping the metric name, say): allowed when
   * they never have a value at the same step, as a range query over per-step vectors would see it.
   *
   * @throws QueryException.Execution when two of them have a value at the same step
   */
  static List<Row> mergeSameLabels(List<Row> rows) {
    if (rows.size() < 2) {
      return rows;
    }
    Map<Labels, Row> seen = new HashMap<>(rows.size() * 2);
    List<Row> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (row.isEmpty()) {
        continue;
      }
      Row first = seen.putIfAbsent(row.labels, row);
      if (first == null) {
        out.add(row);
        continue;
      }
      if (first.present.intersects(row.present)) {
        throw new QueryException.Execution(SAME_LABELSET);
      }
      for (int i = row.present.nextSetBit(0); i >= 0; i = row.present.nextSetBit(i + 1)) {
        first.set(i, row.values[i]);
      }
    }
    return out;
  }

  /**
   * Fails when two non-empty rows have the same label set at all (Prometheus checks a range
   * function's whole output matrix this way).
   */
  static void requireDistinctLabels(List<Row> rows) {
    if (rows.size() < 2) {
      return;
    }
    Map<Labels, Row> seen = new HashMap<>(rows.size() * 2);
    for (Row row : rows) {
      if (seen.putIfAbsent(row.labels, row) != null) {
        throw new QueryException.Execution(SAME_LABELSET);
      }
    }
  }
}
