package io.moraine.promql.parser;

import io.moraine.promql.ast.AggregateExpr;
import io.moraine.promql.ast.AggregateOp;
import io.moraine.promql.ast.BinaryExpr;
import io.moraine.promql.ast.BinaryOp;
import io.moraine.promql.ast.Call;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.ast.NumberLiteral;
import io.moraine.promql.ast.ParenExpr;
import io.moraine.promql.ast.PosRange;
import io.moraine.promql.ast.StringLiteral;
import io.moraine.promql.ast.UnaryExpr;
import io.moraine.promql.ast.ValueType;
import io.moraine.promql.ast.VectorMatching;
import io.moraine.promql.ast.VectorMatching.Cardinality;
import io.moraine.promql.ast.VectorSelector;
import io.moraine.promql.function.FunctionDef;
import io.moraine.promql.function.FunctionTable;
import io.moraine.promql.parser.TokenStream.Token;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Recursive descent over Prometheus 2.42's expression grammar, with precedence climbing for the
 * binary operators. Syntax errors name the token and the context that Prometheus's error
 * productions name; errors of its grammar actions (bad numbers and durations, unknown functions,
 * aggregation arity, doubled modifiers) come in the order Prometheus meets them. Type checks are
 * left to {@link Checker}, which runs on the whole tree afterwards, as in Prometheus. One instance
 * per parse.
 */
final class ExprParser {
  private final TokenStream ts;
  private final SelectorParser selectors;
  private final IdentityHashMap<BinaryExpr, VectorMatching> writtenMatching =
      new IdentityHashMap<>();

  /** The end of the last closing parenthesis of a call body or grouping list. */
  private int lastEnd;

  /** What follows a binary operator. */
  private record BinaryModifiers(boolean returnBool, VectorMatching matching) {}

  ExprParser(String input) {
    this.ts = new TokenStream(input);
    this.selectors = new SelectorParser(ts);
  }

  String input() {
    return ts.input();
  }

  /**
   * The matching of a binary expression as written (cardinality ONE_TO_ONE when no {@code group_x}
   * was given), before set operators and scalar operands adjust it; for {@link Checker}.
   */
  @Nullable VectorMatching writtenMatching(BinaryExpr e) {
    return writtenMatching.get(e);
  }

  // --- entry points ----------------------------------------------------------------------------

  /** {@code expr EOF}. */
  Expr parseQuery() {
    if (ts.peek() == TokenType.EOF) {
      throw ts.errorAt(0, "no expression found in input");
    }
    Expr e = parseExpr(0);
    if (ts.peek() != TokenType.EOF) {
      throw ts.unexpected(null, null);
    }
    return e;
  }

  /** {@code vector_selector EOF}: Prometheus's metric selector start symbol. */
  VectorSelector parseSelectorOnly() {
    TokenType t = ts.peek();
    VectorSelector vs;
    if (t == TokenType.LEFT_BRACE) {
      vs = selectors.vectorSelector(null);
    } else if (t.isMetricIdentifier()) {
      vs = selectors.vectorSelector(ts.take());
    } else {
      throw ts.unexpected(null, null);
    }
    if (ts.peek() != TokenType.EOF) {
      throw ts.unexpected(null, null);
    }
    return vs;
  }

  // --- operators -------------------------------------------------------------------------------

  /** An expression whose binary operators all have at least {@code minPrecedence}. */
  private Expr parseExpr(int minPrecedence) {
    Expr lhs = parseUnary();
    while (true) {
      BinaryOp op = binaryOp(ts.peek());
      if (op == null || op.precedence() < minPrecedence) {
        return lhs;
      }
      ts.skip();
      BinaryModifiers mods = parseBinaryModifiers();
      Expr rhs = parseExpr(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
      lhs = binary(op, lhs, rhs, mods);
    }
  }

  private BinaryExpr binary(BinaryOp op, Expr lhs, Expr rhs, BinaryModifiers mods) {
    VectorMatching written = mods.matching();
    VectorMatching matching = null;
    if (lhs.type() == ValueType.VECTOR && rhs.type() == ValueType.VECTOR) {
      matching =
          op.isSetOperator() && written.card() == Cardinality.ONE_TO_ONE
              ? new VectorMatching(
                  Cardinality.MANY_TO_MANY,
                  written.matchingLabels(),
                  written.on(),
                  written.include())
              : written;
    }
    BinaryExpr e =
        new BinaryExpr(
            op,
            lhs,
            rhs,
            matching,
            mods.returnBool(),
            new PosRange(lhs.pos().start(), rhs.pos().end()));
    writtenMatching.put(e, written);
    return e;
  }

  /** {@code [bool] [on|ignoring (labels) [group_left|group_right [(labels)]]]}. */
  private BinaryModifiers parseBinaryModifiers() {
    boolean returnBool = false;
    if (ts.peek() == TokenType.BOOL) {
      ts.skip();
      returnBool = true;
    }
    Cardinality card = Cardinality.ONE_TO_ONE;
    List<String> labels = List.of();
    List<String> include = List.of();
    boolean on = false;
    TokenType t = ts.peek();
    if (t == TokenType.ON || t == TokenType.IGNORING) {
      ts.skip();
      on = t == TokenType.ON;
      labels = parseGroupingLabels();
      t = ts.peek();
      if (t == TokenType.GROUP_LEFT || t == TokenType.GROUP_RIGHT) {
        ts.skip();
        card = t == TokenType.GROUP_LEFT ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
        TokenType n = ts.peek();
        if (n == TokenType.LEFT_PAREN) {
          include = parseGroupingLabels();
        } else if (!startsExpr(n)) {
          throw ts.unexpected("grouping opts", "\"(\"");
        }
      }
    }
    return new BinaryModifiers(returnBool, new VectorMatching(card, labels, on, include));
  }

  private static @Nullable BinaryOp binaryOp(TokenType t) {
    return switch (t) {
      case LOR -> BinaryOp.OR;
      case LAND -> BinaryOp.AND;
      case LUNLESS -> BinaryOp.UNLESS;
      case EQLC -> BinaryOp.EQL;
      case NEQ -> BinaryOp.NEQ;
      case LTE -> BinaryOp.LTE;
      case LSS -> BinaryOp.LSS;
      case GTE -> BinaryOp.GTE;
      case GTR -> BinaryOp.GTR;
      case ADD -> BinaryOp.ADD;
      case SUB -> BinaryOp.SUB;
      case MUL -> BinaryOp.MUL;
      case DIV -> BinaryOp.DIV;
      case MOD -> BinaryOp.MOD;
      case ATAN2 -> BinaryOp.ATAN2;
      case POW -> BinaryOp.POW;
      default -> null;
    };
  }

  /**
   * {@code unary_op expr %prec MUL}: the operand binds only {@code ^} (so {@code -2^2} is -4); a
   * signed number literal folds into the literal.
   */
  private Expr parseUnary() {
    TokenType t = ts.peek();
    if (t != TokenType.ADD && t != TokenType.SUB) {
      return selectors.postfix(parsePrimary());
    }
    Token op = ts.take();
    Expr operand = parseExpr(BinaryOp.POW.precedence());
    PosRange pos = new PosRange(op.start(), operand.pos().end());
    if (operand instanceof NumberLiteral n) {
      return new NumberLiteral(t == TokenType.SUB ? -n.value() : n.value(), pos);
    }
    return new UnaryExpr(t == TokenType.SUB, operand, pos);
  }

  private Expr parsePrimary() {
    TokenType t = ts.peek();
    switch (t) {
      case NUMBER -> {
        Token tok = ts.take();
        return new NumberLiteral(
            SelectorParser.number(ts, tok), new PosRange(tok.start(), tok.end()));
      }
      case STRING -> {
        Token tok = ts.take();
        return new StringLiteral(GoText.unquote(tok.text()), new PosRange(tok.start(), tok.end()));
      }
      case LEFT_PAREN -> {
        Token open = ts.take();
        Expr inner = parseExpr(0);
        if (ts.peek() != TokenType.RIGHT_PAREN) {
          throw ts.unexpected(null, null);
        }
        int end = ts.skip();
        return new ParenExpr(inner, new PosRange(open.start(), end));
      }
      case LEFT_BRACE -> {
        return selectors.vectorSelector(null);
      }
      case IDENTIFIER -> {
        Token name = ts.take();
        return ts.peek() == TokenType.LEFT_PAREN ? parseCall(name) : selectors.vectorSelector(name);
      }
      default -> {
        if (t.group == TokenType.Group.AGGREGATOR) {
          Token op = ts.take();
          TokenType n = ts.peek();
          if (n == TokenType.LEFT_PAREN || n == TokenType.BY || n == TokenType.WITHOUT) {
            return parseAggregate(op);
          }
          return selectors.vectorSelector(op);
        }
        if (t.isMetricIdentifier()) {
          return selectors.vectorSelector(ts.take());
        }
        throw ts.unexpected(null, null);
      }
    }
  }

  // --- calls and aggregations ------------------------------------------------------------------

  private Call parseCall(Token name) {
    List<Expr> args = parseCallBody();
    FunctionDef def = FunctionTable.lookup(name.text());
    if (def == null) {
      throw ts.errorAt(name.start(), "unknown function with name " + GoText.quote(name.text()));
    }
    return new Call(def.signature(), args, new PosRange(name.start(), lastEnd));
  }

  /** {@code ( [expr {, expr}] )}; sets {@link #lastEnd}. */
  private List<Expr> parseCallBody() {
    ts.skip();
    List<Expr> args = new ArrayList<>();
    if (ts.peek() == TokenType.RIGHT_PAREN) {
      lastEnd = ts.skip();
      return args;
    }
    while (true) {
      args.add(parseExpr(0));
      TokenType t = ts.peek();
      if (t == TokenType.COMMA) {
        Token comma = ts.take();
        if (!startsExpr(ts.peek())) {
          throw ts.errorAt(comma.start(), "trailing commas not allowed in function call args");
        }
      } else if (t == TokenType.RIGHT_PAREN) {
        lastEnd = ts.skip();
        return args;
      } else {
        throw ts.unexpected(null, null);
      }
    }
  }

  /**
   * Whether a token can begin an expression. After a comma any other token reduces Prometheus's
   * {@code function_call_args COMMA} rule, the trailing-comma error.
   */
  private static boolean startsExpr(TokenType t) {
    return switch (t) {
      case NUMBER, STRING, LEFT_PAREN, LEFT_BRACE, ADD, SUB -> true;
      default -> t.isMetricIdentifier() || t.group == TokenType.Group.AGGREGATOR;
    };
  }

  /** {@code op [by|without (labels)] (args) [by|without (labels)]}. */
  private AggregateExpr parseAggregate(Token opTok) {
    AggregateOp op = aggregateOp(opTok.type());
    List<String> grouping = List.of();
    boolean without = false;
    boolean grouped = false;
    TokenType t = ts.peek();
    if (t == TokenType.BY || t == TokenType.WITHOUT) {
      ts.skip();
      without = t == TokenType.WITHOUT;
      grouping = parseGroupingLabels();
      grouped = true;
    }
    if (ts.peek() != TokenType.LEFT_PAREN) {
      throw ts.unexpected("aggregation", null);
    }
    ts.aggregation(+1);
    List<Expr> args = parseCallBody();
    ts.aggregation(-1);
    int end = lastEnd;
    // With the grouping already given nothing can follow, and Prometheus checks the arguments
    // before it lexes the next token.
    t = grouped ? TokenType.EOF : ts.peek();
    if (t == TokenType.BY || t == TokenType.WITHOUT) {
      ts.skip();
      without = t == TokenType.WITHOUT;
      grouping = parseGroupingLabels();
      end = lastEnd;
    }
    if (args.isEmpty()) {
      throw ts.errorAt(opTok.start(), "no arguments for aggregate expression provided");
    }
    int want = op.hasParam() ? 2 : 1;
    if (args.size() != want) {
      throw ts.errorAt(
          opTok.start(),
          "wrong number of arguments for aggregate expression provided, expected "
              + want
              + ", got "
              + args.size());
    }
    return new AggregateExpr(
        op,
        args.get(want - 1),
        op.hasParam() ? args.get(0) : null,
        grouping,
        without,
        new PosRange(opTok.start(), end));
  }

  private static AggregateOp aggregateOp(TokenType t) {
    return switch (t) {
      case SUM -> AggregateOp.SUM;
      case AVG -> AggregateOp.AVG;
      case COUNT -> AggregateOp.COUNT;
      case MIN -> AggregateOp.MIN;
      case MAX -> AggregateOp.MAX;
      case GROUP -> AggregateOp.GROUP;
      case STDDEV -> AggregateOp.STDDEV;
      case STDVAR -> AggregateOp.STDVAR;
      case TOPK -> AggregateOp.TOPK;
      case BOTTOMK -> AggregateOp.BOTTOMK;
      case COUNT_VALUES -> AggregateOp.COUNT_VALUES;
      case QUANTILE -> AggregateOp.QUANTILE;
      default -> throw new IllegalStateException("BUG: not an aggregator: " + t);
    };
  }

  /** {@code ( [label {, label} [,]] )}; sets {@link #lastEnd}. */
  private List<String> parseGroupingLabels() {
    if (ts.peek() != TokenType.LEFT_PAREN) {
      throw ts.unexpected("grouping opts", "\"(\"");
    }
    ts.skip();
    List<String> labels = new ArrayList<>();
    if (ts.peek() == TokenType.RIGHT_PAREN) {
      lastEnd = ts.skip();
      return labels;
    }
    while (true) {
      if (!ts.peek().isMaybeLabel()) {
        throw ts.unexpected("grouping opts", "label");
      }
      Token label = ts.take();
      if (!Lexer.isLabel(label.text())) {
        throw ts.errorAt(
            label.start(),
            "unexpected "
                + TokenStream.describe(label.type(), label.text())
                + " in grouping opts, expected label");
      }
      labels.add(label.text());
      TokenType t = ts.peek();
      if (t == TokenType.COMMA) {
        ts.skip();
        if (ts.peek() == TokenType.RIGHT_PAREN) {
          lastEnd = ts.skip();
          return labels;
        }
      } else if (t == TokenType.RIGHT_PAREN) {
        lastEnd = ts.skip();
        return labels;
      } else {
        throw ts.unexpected("grouping opts", "\",\" or \")\"");
      }
    }
  }
}
