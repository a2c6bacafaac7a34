package io.moraine.promql.parser;

import io.moraine.core.labels.Matcher;
import io.moraine.promql.ast.AggregateExpr;
import io.moraine.promql.ast.AggregateOp;
import io.moraine.promql.ast.BinaryExpr;
import io.moraine.promql.ast.BinaryOp;
import io.moraine.promql.ast.Call;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.ast.FunctionSignature;
import io.moraine.promql.ast.MatrixSelector;
import io.moraine.promql.ast.NumberLiteral;
import io.moraine.promql.ast.ParenExpr;
import io.moraine.promql.ast.StringLiteral;
import io.moraine.promql.ast.SubqueryExpr;
import io.moraine.promql.ast.UnaryExpr;
import io.moraine.promql.ast.ValueType;
import io.moraine.promql.ast.VectorMatching;
import io.moraine.promql.ast.VectorMatching.Cardinality;
import io.moraine.promql.ast.VectorSelector;
import java.util.List;

/**
 * Prometheus's {@code checkAST}: the type and consistency checks run on the whole tree once it has
 * parsed without syntax errors, in Prometheus's order, so the first error is the one Prometheus
 * reports. Stateless apart from the parse it checks.
 */
final class Checker {
  private final ExprParser parse;

  Checker(ExprParser parse) {
    this.parse = parse;
  }

  /** Checks {@code node} and its children; returns its type. */
  ValueType check(Expr node) {
    switch (node) {
      case AggregateExpr a -> checkAggregate(a);
      case BinaryExpr b -> checkBinary(b);
      case Call c -> checkCall(c);
      case ParenExpr p -> check(p.expr());
      case UnaryExpr u -> {
        ValueType t = check(u.expr());
        if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
          throw error(
              u,
              "unary expression only allowed on expressions of type scalar or instant vector, got "
                  + GoText.quote(documented(t)));
        }
      }
      case SubqueryExpr s -> {
        ValueType t = check(s.expr());
        if (t != ValueType.VECTOR) {
          throw error(
              s, "subquery is only allowed on instant vector, got " + t.docName() + " instead");
        }
      }
      case MatrixSelector m -> check(m.selector());
      case VectorSelector v -> checkSelector(v);
      case NumberLiteral n -> {}
      case StringLiteral s -> {}
    }
    return node.type();
  }

  private void expectType(Expr node, ValueType want, String context) {
    ValueType t = check(node);
    if (t != want) {
      throw error(
          node, "expected type " + documented(want) + " in " + context + ", got " + documented(t));
    }
  }

  private void checkAggregate(AggregateExpr a) {
    expectType(a.expr(), ValueType.VECTOR, "aggregation expression");
    Expr param = a.param();
    if (param == null) {
      return;
    }
    AggregateOp op = a.op();
    if (op == AggregateOp.TOPK || op == AggregateOp.BOTTOMK || op == AggregateOp.QUANTILE) {
      expectType(param, ValueType.SCALAR, "aggregation parameter");
    } else if (op == AggregateOp.COUNT_VALUES) {
      expectType(param, ValueType.STRING, "aggregation parameter");
    }
  }

  private void checkBinary(BinaryExpr b) {
    ValueType lt = check(b.lhs());
    ValueType rt = check(b.rhs());
    BinaryOp op = b.op();
    VectorMatching m = parse.writtenMatching(b);
    if (m == null) {
      m =
          b.matching() != null
              ? b.matching()
              : new VectorMatching(Cardinality.ONE_TO_ONE, List.of(), false, List.of());
    }
    if (b.returnBool() && !op.isComparison()) {
      throw errorAtOperator(b, "bool modifier can only be used on comparison operators");
    }
    if (op.isComparison()
        && !b.returnBool()
        && b.rhs().type() == ValueType.SCALAR
        && b.lhs().type() == ValueType.SCALAR) {
      throw errorAtOperator(b, "comparisons between scalars must use BOOL modifier");
    }
    Cardinality card = m.card();
    if (op.isSetOperator() && card == Cardinality.ONE_TO_ONE) {
      card = Cardinality.MANY_TO_MANY;
    }
    if (m.on()) {
      for (String l1 : m.matchingLabels()) {
        if (m.include().contains(l1)) {
          throw errorAtOperator(
              b, "label " + GoText.quote(l1) + " must not occur in ON and GROUP clause at once");
        }
      }
    }
    if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
      throw error(b.lhs(), "binary expression must contain only scalar and instant vector types");
    }
    if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
      throw error(b.rhs(), "binary expression must contain only scalar and instant vector types");
    }
    if (lt != ValueType.VECTOR || rt != ValueType.VECTOR) {
      if (!m.matchingLabels().isEmpty()) {
        throw error(b, "vector matching only allowed between instant vectors");
      }
    } else if (op.isSetOperator()) {
      if (card == Cardinality.ONE_TO_MANY || card == Cardinality.MANY_TO_ONE) {
        throw error(b, "no grouping allowed for " + GoText.quote(op.text()) + " operation");
      }
    }
    if ((lt == ValueType.SCALAR || rt == ValueType.SCALAR) && op.isSetOperator()) {
      throw error(
          b,
          "set operator " + GoText.quote(op.text()) + " not allowed in binary scalar expression");
    }
  }

  private void checkCall(Call c) {
    FunctionSignature f = c.func();
    int nargs = f.argTypes().size();
    int got = c.args().size();
    String name = GoText.quote(f.name());
    if (f.variadic() == 0) {
      if (nargs != got) {
        throw error(c, "expected " + nargs + " argument(s) in call to " + name + ", got " + got);
      }
    } else {
      int min = nargs - 1;
      if (min > got) {
        throw error(
            c, "expected at least " + min + " argument(s) in call to " + name + ", got " + got);
      }
      int max = min + f.variadic();
      if (f.variadic() > 0 && max < got) {
        throw error(
            c, "expected at most " + max + " argument(s) in call to " + name + ", got " + got);
      }
    }
    for (int i = 0; i < got; i++) {
      int t = i;
      if (t >= nargs) {
        if (f.variadic() == 0) {
          break;
        }
        t = nargs - 1;
      }
      expectType(c.args().get(i), f.argTypes().get(t), "call to function " + name);
    }
  }

  private void checkSelector(VectorSelector v) {
    List<Matcher> ms = v.matchers();
    String name = v.name();
    if (name != null) {
      for (int i = 1; i < ms.size(); i++) {
        if (ms.get(i).name().equals("__name__")) {
          throw error(
              v,
              "metric name must not be set twice: "
                  + GoText.quote(name)
                  + " or "
                  + GoText.quote(ms.get(i).value()));
        }
      }
      return;
    }
    for (Matcher m : ms) {
      if (!m.matchesEmpty()) {
        return;
      }
    }
    throw error(v, "vector selector must contain at least one non-empty matcher");
  }

  /** Prometheus's {@code DocumentedType}: "instant vector", "range vector", "scalar", "string". */
  static String documented(ValueType t) {
    return switch (t) {
      case VECTOR -> "instant vector";
      case MATRIX -> "range vector";
      case SCALAR -> "scalar";
      case STRING -> "string";
    };
  }

  private ParseException error(Expr at, String reason) {
    return ParseErrors.at(parse.input(), at.pos().start(), reason);
  }

  /** An error at the operator: the first non-space after the left operand. */
  private ParseException errorAtOperator(BinaryExpr b, String reason) {
    String input = parse.input();
    int i = b.lhs().pos().end();
    while (i < input.length() && Lexer.isSpace(input.charAt(i))) {
      i++;
    }
    return ParseErrors.at(input, i, reason);
  }
}
