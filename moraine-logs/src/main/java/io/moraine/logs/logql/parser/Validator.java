package io.moraine.logs.logql.parser;

import io.moraine.core.labels.Matcher;
import io.moraine.logs.logql.ast.BinaryExpr;
import io.moraine.logs.logql.ast.Expr;
import io.moraine.logs.logql.ast.LabelReplace;
import io.moraine.logs.logql.ast.LogSelector;
import io.moraine.logs.logql.ast.NumberLiteral;
import io.moraine.logs.logql.ast.RangeAggregation;
import io.moraine.logs.logql.ast.SampleExpr;
import io.moraine.logs.logql.ast.VectorAggregation;
import io.moraine.logs.logql.ast.VectorLiteral;
import java.util.Map;

/**
 * Loki's checks after a successful parse, in Loki's order (each node's own error, then its operands
 * left to right): the errors recorded on nodes while parsing, and that every stream selector has a
 * matcher that does not match the empty string.
 */
final class Validator {
  static final String EMPTY_COMPATIBLE =
      "queries require at least one regexp or equality matcher that does not have an"
          + " empty-compatible value. For instance, app=~\".*\" does not meet this requirement,"
          + " but app=~\".+\" will";

  private final Map<SampleExpr, LogqlParseException> nodeErrors;
  private final Map<LogSelector, Token> selectorPositions;

  Validator(
      Map<SampleExpr, LogqlParseException> nodeErrors, Map<LogSelector, Token> selectorPositions) {
    this.nodeErrors = nodeErrors;
    this.selectorPositions = selectorPositions;
  }

  void validate(Expr e) {
    switch (e) {
      case LogSelector s -> selector(s);
      case SampleExpr s -> sample(s);
    }
  }

  private void sample(SampleExpr e) {
    LogqlParseException error = nodeErrors.get(e);
    if (error != null) {
      throw error;
    }
    switch (e) {
      case BinaryExpr b -> {
        sample(b.left());
        sample(b.right());
      }
      case VectorAggregation v -> sample(v.inner());
      case RangeAggregation r -> selector(r.range().selector());
      case LabelReplace l -> sample(l.inner());
      case NumberLiteral n -> {}
      case VectorLiteral v -> {}
    }
  }

  private void selector(LogSelector s) {
    for (Matcher m : s.matchers()) {
      if (!m.matchesEmpty()) {
        return;
      }
    }
    Token at = selectorPositions.get(s);
    throw new LogqlParseException(
        at == null ? 1 : at.line(), at == null ? 1 : at.column(), EMPTY_COMPATIBLE);
  }
}
