package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.promql.ast.BinaryOp;
import io.moraine.promql.ast.VectorMatching;
import io.moraine.promql.ast.VectorMatching.Cardinality;
import io.moraine.promql.parser.GoText;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An arithmetic or comparison operator between two instant vectors ({@code a / on(job) b}, {@code a
 * * ignoring(mode) group_left(role) b}), as Prometheus 2.42 evaluates it at every step.
 *
 * <p>Series are paired once by their matching signature; each pair is then computed over the steps
 * where both have a sample. For {@code group_right} the sides swap roles: the right is the "many"
 * side, iterated, and the left the "one" side, looked up. Output rows come in the many side's
 * order.
 *
 * <p>Prometheus checks the cardinality step by step, and so do we, but only in the match groups
 * that have more than one series on a side: a duplicate on the "one" side, two outputs of a
 * one-to-one group, or two outputs with one label set in a many-to-one group at the same step. Of
 * all these and the output label collisions, the error of the earliest step is raised, as
 * Prometheus's step loop would.
 */
final class VectorMatch {
  private static final String EXPLICIT =
      "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)";
  private static final String UNIQUE =
      "multiple matches for labels: grouping labels must ensure unique matches";

  private final BinaryOp op;
  private final boolean returnBool;
  private final VectorMatching matching;
  private final boolean swapped;
  private final int steps;
  private final LabelSubset signature;
  private final LabelSubset oneToOneLabels;
  private final EarliestFailure failure = new EarliestFailure();

  /** The rows of one signature: positions on the one side, and the outputs made. */
  private static final class Group {
    final Labels signature;
    final IntList one = new IntList();
    final List<Row> outputs = new ArrayList<>(1);

    Group(Labels signature) {
      this.signature = signature;
    }
  }

  private VectorMatch(BinaryOp op, boolean returnBool, VectorMatching matching, int steps) {
    if (matching.card() == Cardinality.MANY_TO_MANY || op.isSetOperator()) {
      throw new IllegalStateException("BUG: " + op.text() + " with " + matching.card());
    }
    this.op = op;
    this.returnBool = returnBool;
    this.matching = matching;
    this.swapped = matching.card() == Cardinality.ONE_TO_MANY;
    this.steps = steps;
    this.signature =
        matching.on()
            ? LabelSubset.keeping(matching.matchingLabels())
            : LabelSubset.dropping(matching.matchingLabels());
    this.oneToOneLabels =
        matching.on()
            ? LabelSubset.keeping(matching.matchingLabels())
            : LabelSubset.droppingOnly(matching.matchingLabels());
  }

  /**
   * @throws QueryException.Execution with Prometheus's message for a cardinality violation or an
   *     output label collision
   */
  static List<Row> eval(
      BinaryOp op,
      boolean returnBool,
      VectorMatching matching,
      List<Row> lhs,
      List<Row> rhs,
      int steps) {
    VectorMatch m = new VectorMatch(op, returnBool, matching, steps);
    return m.swapped ? m.run(rhs, lhs) : m.run(lhs, rhs);
  }

  private List<Row> run(List<Row> many, List<Row> one) {
    Map<Labels, Group> bySignature = new HashMap<>();
    BitSet oneSteps = new BitSet(steps);
    for (int i = 0; i < one.size(); i++) {
      Row row = one.get(i);
      if (!row.isEmpty()) {
        oneSteps.or(row.present);
        bySignature.computeIfAbsent(signature.of(row.labels), Group::new).one.add(i);
      }
    }
    BitSet bothSteps = new BitSet(steps);
    @Nullable Group[] groupOf = new Group[many.size()];
    for (int i = 0; i < many.size(); i++) {
      Row row = many.get(i);
      if (!row.isEmpty()) {
        bothSteps.or(row.present);
        groupOf[i] = bySignature.get(signature.of(row.labels));
      }
    }
    bothSteps.and(oneSteps);
    for (Group g : bySignature.values()) {
      if (g.one.size() > 1) {
        checkOneSide(g, one, bothSteps);
      }
    }
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < many.size(); i++) {
      Group g = groupOf[i];
      if (g == null) {
        continue;
      }
      for (int j = 0; j < g.one.size(); j++) {
        Row o = pair(many.get(i), one.get(g.one.get(j)));
        if (o != null) {
          out.add(o);
          g.outputs.add(o);
        }
      }
    }
    for (Group g : bySignature.values()) {
      if (g.outputs.size() > 1) {
        checkManySide(g);
      }
    }
    SameLabels.Joined joined = SameLabels.join(out);
    failure.offer(joined.collisionStep(), 2, 0, SameLabels.COLLISION);
    failure.raise();
    return joined.rows();
  }

  /** Two series of the one side with this signature at a step where both sides have samples. */
  private void checkOneSide(Group g, List<Row> one, BitSet bothSteps) {
    BitSet once = new BitSet(steps);
    BitSet twice = new BitSet(steps);
    for (int j = 0; j < g.one.size(); j++) {
      BitSet p = one.get(g.one.get(j)).present;
      BitSet again = (BitSet) p.clone();
      again.and(once);
      twice.or(again);
      once.or(p);
    }
    twice.and(bothSteps);
    int s = twice.nextSetBit(0);
    if (s < 0) {
      return;
    }
    int first = -1;
    int second = -1;
    for (int j = 0; j < g.one.size() && second < 0; j++) {
      if (one.get(g.one.get(j)).has(s)) {
        if (first < 0) {
          first = g.one.get(j);
        } else {
          second = g.one.get(j);
        }
      }
    }
    String message =
        "found duplicate series for the match group "
            + GoText.labels(g.signature)
            + " on the "
            + (swapped ? "left" : "right")
            + " hand-side of the operation: ["
            + GoText.labels(one.get(second).labels)
            + ", "
            + GoText.labels(one.get(first).labels)
            + "];many-to-many matching not allowed: matching labels must be unique on one side";
    failure.offer(s, 0, second, message);
  }

  /** Two outputs of a one-to-one group, or two equal outputs of a many-to-one group, at a step. */
  private void checkManySide(Group g) {
    if (matching.card() == Cardinality.ONE_TO_ONE) {
      BitSet once = new BitSet(steps);
      for (Row o : g.outputs) {
        int s = SameLabels.firstCommon(once, o.present);
        if (s >= 0) {
          failure.offer(s, 1, 0, EXPLICIT);
        }
        once.or(o.present);
      }
      return;
    }
    Map<Labels, BitSet> seen = new HashMap<>();
    for (Row o : g.outputs) {
      BitSet before = seen.computeIfAbsent(o.labels, k -> new BitSet(steps));
      int s = SameLabels.firstCommon(before, o.present);
      if (s >= 0) {
        failure.offer(s, 1, 0, UNIQUE);
      }
      before.or(o.present);
    }
  }

  /** The output of one pairing over the steps where both have a sample, or null if none. */
  private @Nullable Row pair(Row many, Row one) {
    BitSet p = (BitSet) many.present.clone();
    p.and(one.present);
    if (p.isEmpty()) {
      return null;
    }
    double[] l = swapped ? one.values : many.values;
    double[] r = swapped ? many.values : one.values;
    double[] out = new double[steps];
    if (!op.isComparison()) {
      BinaryOps.arithmetic(op, l, r, out, p);
    } else {
      for (int s = p.nextSetBit(0); s >= 0; s = p.nextSetBit(s + 1)) {
        boolean keep = BinaryOps.compare(op, l[s], r[s]);
        if (returnBool) {
          out[s] = keep ? 1 : 0;
        } else if (keep) {
          out[s] = l[s];
        } else {
          p.clear(s);
        }
      }
      if (p.isEmpty()) {
        return null;
      }
    }
    return new Row(resultLabels(many.labels, one.labels), out, p);
  }

  /**
   * The many side's labels, without the name for arithmetic or {@code bool}, cut to the matching
   * labels for one-to-one, with the {@code group_x(...)} labels taken from the one side.
   */
  private Labels resultLabels(Labels many, Labels one) {
    Labels l = BinaryOps.dropsMetricName(op) ? LabelSubset.dropMetricName(many) : many;
    if (matching.card() == Cardinality.ONE_TO_ONE) {
      l = oneToOneLabels.of(l);
    }
    if (!matching.include().isEmpty()) {
      Labels.Builder b = l.toBuilder();
      for (String name : matching.include()) {
        String v = one.get(name);
        if (v != null) {
          b.add(name, v);
        } else {
          b.remove(name);
        }
      }
      l = b.build();
    }
    return returnBool ? LabelSubset.dropMetricName(l) : l;
  }
}
