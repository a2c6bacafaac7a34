package io.moraine.logs.logql.parser;

import io.moraine.logs.logql.ast.BinaryExpr;
import io.moraine.logs.logql.ast.BinaryOp;
import io.moraine.logs.logql.ast.Expr;
import io.moraine.logs.logql.ast.Grouping;
import io.moraine.logs.logql.ast.LabelReplace;
import io.moraine.logs.logql.ast.LogSelector;
import io.moraine.logs.logql.ast.NumberLiteral;
import io.moraine.logs.logql.ast.SampleExpr;
import io.moraine.logs.logql.ast.VectorLiteral;
import io.moraine.logs.logql.ast.VectorMatching;
import io.moraine.logs.logql.regex.Re2Pattern;
import io.moraine.logs.logql.units.GoFloat;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Expressions: a Pratt loop for binary operators (PromQL precedence, {@code ^} right-associative),
 * literals, {@code vector()}, {@code label_replace()} and, through {@link AggregationParser}, range
 * and vector aggregations. Loki reports some invalid nodes only after a successful parse; those
 * errors wait in {@link #nodeErrors} for {@link Validator}.
 */
final class ExprParser {
  final TokenCursor in;
  final PipelineParser pipeline;
  final Map<SampleExpr, LogqlParseException> nodeErrors = new IdentityHashMap<>();
  private final AggregationParser aggregations;

  ExprParser(TokenCursor in) {
    this.in = in;
    this.pipeline = new PipelineParser(in);
    this.aggregations = new AggregationParser(this);
  }

  /** Any expression: a log query, a metric query, or (erroneously) a mix. */
  Expr expression(int minPrec) {
    Expr left = operand();
    while (true) {
      Token op = in.peek();
      if (!op.type().binaryOperator()) {
        return left;
      }
      int prec = precedence(op.type());
      if (prec < minPrec) {
        return left;
      }
      in.next();
      boolean returnBool = in.accept(TokenType.BOOL);
      VectorMatching matching = matching();
      Expr right = expression(op.is(TokenType.POW) ? prec : prec + 1);
      left = binary(op, returnBool, matching, left, right);
    }
  }

  /** A metric expression where Loki's grammar requires one (inside calls and aggregations). */
  SampleExpr metric() {
    Expr e = expression(0);
    if (e instanceof SampleExpr s) {
      return s;
    }
    throw in.unexpected(null);
  }

  private static int precedence(TokenType t) {
    return switch (t) {
      case OR -> 1;
      case AND, UNLESS -> 2;
      case CMP_EQ, NEQ, GT, GTE, LT, LTE -> 3;
      case ADD, SUB -> 4;
      case MUL, DIV, MOD -> 5;
      default -> 6;
    };
  }

  private @Nullable VectorMatching matching() {
    boolean on = in.at(TokenType.ON);
    if (!on && !in.at(TokenType.IGNORING)) {
      return null;
    }
    in.next();
    List<String> labels = labelList();
    VectorMatching.Cardinality card = VectorMatching.Cardinality.ONE_TO_ONE;
    List<String> include = List.of();
    if (in.at(TokenType.GROUP_LEFT) || in.at(TokenType.GROUP_RIGHT)) {
      card =
          in.next().is(TokenType.GROUP_LEFT)
              ? VectorMatching.Cardinality.MANY_TO_ONE
              : VectorMatching.Cardinality.ONE_TO_MANY;
      if (in.at(TokenType.OPEN_PAREN)) {
        include = labelList();
      }
    }
    return new VectorMatching(on, labels, card, include);
  }

  /** {@code ( a, b )} or {@code ()}. */
  List<String> labelList() {
    in.expect(TokenType.OPEN_PAREN, "(");
    List<String> labels = new ArrayList<>();
    if (in.accept(TokenType.CLOSE_PAREN)) {
      return labels;
    }
    labels.add(in.expect(TokenType.IDENTIFIER, "IDENTIFIER or )").text());
    while (!in.accept(TokenType.CLOSE_PAREN)) {
      in.expect(TokenType.COMMA, ", or )");
      labels.add(in.expect(TokenType.IDENTIFIER, "IDENTIFIER").text());
    }
    return labels;
  }

  /** {@code by (..)} / {@code without (..)}, at the keyword. */
  Grouping grouping() {
    boolean without = in.next().is(TokenType.WITHOUT);
    return new Grouping(without, labelList());
  }

  private Expr operand() {
    Token t = in.peek();
    return switch (t.type()) {
      case OPEN_BRACE -> pipeline.logSelector(false);
      case OPEN_PAREN -> {
        in.next();
        Expr inner = expression(0);
        in.expect(TokenType.CLOSE_PAREN, null);
        yield inner;
      }
      case NUMBER -> literal(in.next(), false);
      case ADD, SUB -> {
        in.next();
        yield literal(in.expect(TokenType.NUMBER, "NUMBER"), t.is(TokenType.SUB));
      }
      case RANGE_FN -> aggregations.range();
      case VECTOR_FN -> aggregations.vector();
      case VECTOR -> vectorLiteral();
      case LABEL_REPLACE -> labelReplace();
      default -> throw in.unexpected(null);
    };
  }

  private SampleExpr literal(Token number, boolean negate) {
    try {
      double v = GoFloat.parse(number.text());
      return new NumberLiteral(negate ? -v : v);
    } catch (IllegalArgumentException e) {
      return invalid(
          new NumberLiteral(0), number, "unable to parse literal as a float: " + e.getMessage());
    }
  }

  private SampleExpr vectorLiteral() {
    in.next();
    in.expect(TokenType.OPEN_PAREN, "(");
    Token number = in.expect(TokenType.NUMBER, "NUMBER");
    in.expect(TokenType.CLOSE_PAREN, ")");
    try {
      return new VectorLiteral(GoFloat.parse(number.text()));
    } catch (IllegalArgumentException e) {
      return invalid(
          new VectorLiteral(0), number, "unable to parse vectorExpr as a float: " + e.getMessage());
    }
  }

  private SampleExpr labelReplace() {
    Token fn = in.next();
    in.expect(TokenType.OPEN_PAREN, "(");
    SampleExpr inner = metric();
    String[] args = new String[4];
    for (int i = 0; i < 4; i++) {
      in.expect(TokenType.COMMA, i == 0 ? null : ",");
      args[i] = in.expect(TokenType.STRING, "STRING").text();
    }
    in.expect(TokenType.CLOSE_PAREN, ")");
    LabelReplace node = new LabelReplace(inner, args[0], args[1], args[2], args[3]);
    String error = Re2Pattern.syntaxError("^(?:" + args[3] + ")$");
    return error == null ? node : invalid(node, fn, "invalid regex in label_replace: " + error);
  }

  /**
   * Records that {@code node} is invalid; Validator reports it unless a syntax error comes first.
   */
  <T extends SampleExpr> T invalid(T node, Token at, String reason) {
    nodeErrors.putIfAbsent(node, TokenCursor.at(at, reason));
    return node;
  }

  private SampleExpr binary(
      Token opToken, boolean returnBool, @Nullable VectorMatching matching, Expr l, Expr r) {
    BinaryOp op = binaryOp(opToken.type());
    SampleExpr left = l instanceof SampleExpr s ? s : new NumberLiteral(0);
    SampleExpr right = r instanceof SampleExpr s ? s : new NumberLiteral(0);
    BinaryExpr node = new BinaryExpr(op, left, right, returnBool, matching);
    if (l instanceof LogSelector sel) {
      return invalid(node, opToken, legError("left", op, sel));
    }
    if (r instanceof LogSelector sel) {
      return invalid(node, opToken, legError("right", op, sel));
    }
    LogqlParseException literalError = literalError(left);
    if (literalError == null) {
      literalError = literalError(right);
    }
    if (literalError != null) {
      nodeErrors.put(node, literalError);
      return node;
    }
    if (op.setOperator()) {
      if (left instanceof NumberLiteral n) {
        return invalid(node, opToken, setLiteralError("left", op, n));
      }
      if (right instanceof NumberLiteral n) {
        return invalid(node, opToken, setLiteralError("right", op, n));
      }
    }
    if (left instanceof NumberLiteral a && right instanceof NumberLiteral b) {
      return new NumberLiteral(ConstantFolding.apply(op, a.value(), b.value()));
    }
    return node;
  }

  private @Nullable LogqlParseException literalError(SampleExpr e) {
    return e instanceof NumberLiteral ? nodeErrors.get(e) : null;
  }

  private static String legError(String leg, BinaryOp op, LogSelector sel) {
    String type = sel.stages().isEmpty() ? "*syntax.MatchersExpr" : "*syntax.PipelineExpr";
    return "unexpected type for " + leg + " leg of binary operation (" + op.symbol() + "): " + type;
  }

  private static String setLiteralError(String leg, BinaryOp op, NumberLiteral n) {
    return "unexpected literal for "
        + leg
        + " leg of logical/set binary operation ("
        + op.symbol()
        + "): "
        + Numbers.formatFixed(n.value());
  }

  private static BinaryOp binaryOp(TokenType t) {
    return switch (t) {
      case OR -> BinaryOp.OR;
      case AND -> BinaryOp.AND;
      case UNLESS -> BinaryOp.UNLESS;
      case CMP_EQ -> BinaryOp.EQL;
      case NEQ -> BinaryOp.NEQ;
      case GT -> BinaryOp.GTR;
      case GTE -> BinaryOp.GTE;
      case LT -> BinaryOp.LSS;
      case LTE -> BinaryOp.LTE;
      case ADD -> BinaryOp.ADD;
      case SUB -> BinaryOp.SUB;
      case MUL -> BinaryOp.MUL;
      case DIV -> BinaryOp.DIV;
      case MOD -> BinaryOp.MOD;
      default -> BinaryOp.POW;
    };
  }
}
