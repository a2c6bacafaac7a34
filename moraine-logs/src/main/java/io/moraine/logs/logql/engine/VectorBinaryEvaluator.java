package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.logs.logql.ast.BinaryExpr;
import io.moraine.logs.logql.ast.VectorMatching;
import io.moraine.logs.logql.ast.VectorMatching.Cardinality;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A binary operation between two vectors, matched by their labels (all of them, {@code on} some, or
 * {@code ignoring} some), one-to-one or with {@code group_left}/{@code group_right}, and the set
 * operators; with Loki 2.9's rules and error messages. Not thread-safe.
 */
final class VectorBinaryEvaluator implements StepEvaluator {
  private final BinaryExpr expr;
  private final StepEvaluator left;
  private final StepEvaluator right;
  private final Map<Labels, Labels> signatures = new HashMap<>();
  private List<SeriesSample> samples = List.of();

  VectorBinaryEvaluator(BinaryExpr expr, StepEvaluator left, StepEvaluator right) {
    this.expr = expr;
    this.left = left;
    this.right = right;
  }

  @Override
  public boolean next() {
    if (!right.next() || !left.next()) {
      return false;
    }
    List<SeriesSample> lhs = left.samples();
    List<SeriesSample> rhs = right.samples();
    samples =
        switch (expr.op()) {
          case AND -> and(lhs, rhs);
          case OR -> or(lhs, rhs);
          case UNLESS -> unless(lhs, rhs);
          default -> binop(lhs, rhs);
        };
    return true;
  }

  /** The labels two samples are matched by; computed once per label set. */
  private Labels signature(Labels labels) {
    VectorMatching m = expr.matching();
    if (m == null) {
      return labels;
    }
    Labels sig = signatures.get(labels);
    if (sig == null) {
      sig = signature(m, labels);
      signatures.put(labels, sig);
    }
    return sig;
  }

  private static Labels signature(VectorMatching m, Labels labels) {
    if (m.on()) {
      Labels.Builder b = Labels.builder();
      for (String name : m.labels()) {
        String v = labels.get(name);
        if (v != null) {
          b.add(name, v);
        }
      }
      return b.build();
    }
    Labels.Builder b = labels.toBuilder();
    for (String name : m.labels()) {
      b.remove(name);
    }
    return b.build();
  }

  private Set<Labels> signatures(List<SeriesSample> v) {
    Set<Labels> sigs = new HashSet<>();
    for (SeriesSample s : v) {
      sigs.add(signature(s.labels()));
    }
    return sigs;
  }

  private List<SeriesSample> and(List<SeriesSample> lhs, List<SeriesSample> rhs) {
    if (lhs.isEmpty() || rhs.isEmpty()) {
      return new ArrayList<>();
    }
    Set<Labels> rightSigs = signatures(rhs);
    List<SeriesSample> out = new ArrayList<>();
    for (SeriesSample s : lhs) {
      if (rightSigs.contains(signature(s.labels()))) {
        out.add(s);
      }
    }
    return out;
  }

  private List<SeriesSample> or(List<SeriesSample> lhs, List<SeriesSample> rhs) {
    if (lhs.isEmpty()) {
      return new ArrayList<>(rhs);
    }
    List<SeriesSample> out = new ArrayList<>(lhs);
    if (rhs.isEmpty()) {
      return out;
    }
    Set<Labels> leftSigs = signatures(lhs);
    for (SeriesSample s : rhs) {
      if (!leftSigs.contains(signature(s.labels()))) {
        out.add(s);
      }
    }
    return out;
  }

  private List<SeriesSample> unless(List<SeriesSample> lhs, List<SeriesSample> rhs) {
    if (lhs.isEmpty() || rhs.isEmpty()) {
      return new ArrayList<>(lhs);
    }
    Set<Labels> rightSigs = signatures(rhs);
    List<SeriesSample> out = new ArrayList<>();
    for (SeriesSample s : lhs) {
      if (!rightSigs.contains(signature(s.labels()))) {
        out.add(s);
      }
    }
    return out;
  }

  private List<SeriesSample> binop(List<SeriesSample> lhs, List<SeriesSample> rhs) {
    Cardinality card = cardinality();
    boolean swapped = card == Cardinality.ONE_TO_MANY;
    List<SeriesSample> many = swapped ? rhs : lhs;
    List<SeriesSample> one = swapped ? lhs : rhs;
    Map<Labels, SeriesSample> oneBySig = new HashMap<>();
    for (SeriesSample s : one) {
      if (oneBySig.putIfAbsent(signature(s.labels()), s) != null) {
        throw new VectorMatchingException(
            "found duplicate series on the "
                + (swapped ? "left" : "right")
                + " hand-side;many-to-many matching not allowed: matching labels must be unique on"
                + " one side");
      }
    }
    Map<Labels, Set<Labels>> matched = new HashMap<>();
    boolean filter = !expr.returnBool();
    List<SeriesSample> out = new ArrayList<>();
    for (SeriesSample ms : many) {
      Labels sig = signature(ms.labels());
      SeriesSample os = oneBySig.get(sig);
      if (os == null) {
        continue;
      }
      Labels metric = resultLabels(ms.labels(), os.labels());
      Set<Labels> inserted = matched.get(sig);
      if (card == Cardinality.ONE_TO_ONE) {
        if (inserted != null) {
          throw new VectorMatchingException(
              "multiple matches for labels: many-to-one matching must be explicit"
                  + " (group_left/group_right)");
        }
        matched.put(sig, Set.of());
      } else {
        if (inserted == null) {
          inserted = new HashSet<>();
          matched.put(sig, inserted);
        }
        if (!inserted.add(metric)) {
          throw new VectorMatchingException(
              "multiple matches for labels: grouping labels must ensure unique matches");
        }
      }
      double l = swapped ? os.value() : ms.value();
      double r = swapped ? ms.value() : os.value();
      if (BinaryOps.keeps(expr.op(), l, r, filter)) {
        out.add(new SeriesSample(metric, BinaryOps.value(expr.op(), l, r, filter)));
      }
    }
    return out;
  }

  private Cardinality cardinality() {
    VectorMatching m = expr.matching();
    return m == null ? Cardinality.ONE_TO_ONE : m.cardinality();
  }

  /**
   * The result's labels: the "many" side's, reduced to the {@code on} labels (or without the {@code
   * ignoring} ones) for one-to-one matching, plus the {@code group_x} labels taken from the "one"
   * side.
   */
  private Labels resultLabels(Labels many, Labels one) {
    @Nullable VectorMatching m = expr.matching();
    if (m == null) {
      return many;
    }
    Labels.Builder b = many.toBuilder();
    if (m.cardinality() == Cardinality.ONE_TO_ONE) {
      if (m.on()) {
        for (int i = 0; i < many.size(); i++) {
          if (!m.labels().contains(many.name(i))) {
            b.remove(many.name(i));
          }
        }
      } else {
        for (String name : m.labels()) {
          b.remove(name);
        }
      }
    }
    for (String name : m.include()) {
      String v = one.get(name);
      if (v != null) {
        b.add(name, v);
      } else {
        b.remove(name);
      }
    }
    return b.build();
  }

  @Override
  public long timestampMillis() {
    return left.timestampMillis();
  }

  @Override
  public List<SeriesSample> samples() {
    return samples;
  }
}
