package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The set operators between instant vectors, by matching signature and step by step, as Prometheus
 * 2.42 evaluates them: {@code and} keeps a left sample if the right has a sample of its signature
 * at that step, {@code unless} if it has none, and {@code or} takes every left sample and the right
 * samples whose signature the left lacks at that step. Samples keep their labels and values; the
 * output rows come in the order left, then right.
 */
final class SetOps {
  private SetOps() {}

  /** {@code lhs and rhs}. */
  static List<Row> and(List<Row> lhs, List<Row> rhs, LabelSubset signature) {
    Map<Labels, BitSet> right = stepsBySignature(rhs, signature);
    List<Row> out = new ArrayList<>();
    for (Row l : lhs) {
      BitSet r = l.isEmpty() ? null : right.get(signature.of(l.labels));
      if (r != null) {
        addRestricted(out, l, r, false);
      }
    }
    return out;
  }

  /** {@code lhs unless rhs}. */
  static List<Row> unless(List<Row> lhs, List<Row> rhs, LabelSubset signature) {
    Map<Labels, BitSet> right = stepsBySignature(rhs, signature);
    List<Row> out = new ArrayList<>();
    for (Row l : lhs) {
      if (!l.isEmpty()) {
        addRestricted(out, l, right.get(signature.of(l.labels)), true);
      }
    }
    return out;
  }

  /**
   * {@code lhs or rhs}.
   *
   * @throws QueryException.Execution if two outputs have the same labels at a step
   */
  static List<Row> or(List<Row> lhs, List<Row> rhs, LabelSubset signature) {
    Map<Labels, BitSet> left = stepsBySignature(lhs, signature);
    List<Row> out = new ArrayList<>();
    for (Row l : lhs) {
      if (!l.isEmpty()) {
        addRestricted(out, l, null, true);
      }
    }
    for (Row r : rhs) {
      if (!r.isEmpty()) {
        addRestricted(out, r, left.get(signature.of(r.labels)), true);
      }
    }
    return SameLabels.joinOrFail(out);
  }

  /** For each signature, the steps at which some row of it has a sample. */
  private static Map<Labels, BitSet> stepsBySignature(List<Row> rows, LabelSubset signature) {
    Map<Labels, BitSet> steps = new HashMap<>();
    for (Row row : rows) {
      if (row.isEmpty()) {
        continue;
      }
      Labels sig = signature.of(row.labels);
      BitSet p = steps.get(sig);
      if (p == null) {
        steps.put(sig, (BitSet) row.present.clone());
      } else {
        p.or(row.present);
      }
    }
    return steps;
  }

  /**
   * Adds a copy of {@code row} limited to the steps in {@code mask} (or outside it, when {@code
   * exclude}; a null mask excludes nothing), unless that leaves no sample.
   */
  private static void addRestricted(
      List<Row> out, Row row, @Nullable BitSet mask, boolean exclude) {
    BitSet p = (BitSet) row.present.clone();
    if (mask != null) {
      if (exclude) {
        p.andNot(mask);
      } else {
        p.and(mask);
      }
    }
    if (!p.isEmpty()) {
      out.add(new Row(row.labels, row.values.clone(), p));
    }
  }
}
