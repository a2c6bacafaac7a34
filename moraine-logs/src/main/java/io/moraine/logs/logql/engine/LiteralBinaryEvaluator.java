package io.moraine.logs.logql.engine;

import io.moraine.logs.logql.ast.BinaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * A binary operation between a literal and a vector: the literal meets every sample, which keeps
 * its labels. A filtering comparison keeps the left operand's value, the literal's when the literal
 * is on the left, as Loki does.
 */
final class LiteralBinaryEvaluator implements StepEvaluator {
  private final BinaryOp op;
  private final double literal;
  private final boolean literalOnLeft;
  private final boolean filter;
  private final StepEvaluator vector;
  private List<SeriesSample> samples = List.of();

  LiteralBinaryEvaluator(
      BinaryOp op,
      double literal,
      boolean literalOnLeft,
      boolean returnBool,
      StepEvaluator vector) {
    if (op.setOperator()) {
      throw new LogqlEvaluationException(
          String.format(
              "unexpected literal for %s leg of logical/set binary operation (%s): %f",
              literalOnLeft ? "left" : "right", op.symbol(), literal));
    }
    this.op = op;
    this.literal = literal;
    this.literalOnLeft = literalOnLeft;
    this.filter = !returnBool;
    this.vector = vector;
  }

  @Override
  public boolean next() {
    if (!vector.next()) {
      return false;
    }
    List<SeriesSample> in = vector.samples();
    List<SeriesSample> out = new ArrayList<>(in.size());
    for (SeriesSample s : in) {
      double l = literalOnLeft ? literal : s.value();
      double r = literalOnLeft ? s.value() : literal;
      if (BinaryOps.keeps(op, l, r, filter)) {
        out.add(new SeriesSample(s.labels(), BinaryOps.value(op, l, r, filter)));
      }
    }
    samples = out;
    return true;
  }

  @Override
  public long timestampMillis() {
    return vector.timestampMillis();
  }

  @Override
  public List<SeriesSample> samples() {
    return samples;
  }
}
