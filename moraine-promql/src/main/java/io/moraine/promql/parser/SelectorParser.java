package io.moraine.promql.parser;

import io.moraine.core.labels.InvalidMatcherException;
import io.moraine.core.labels.Matcher;
import io.moraine.promql.ast.At;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.ast.MatrixSelector;
import io.moraine.promql.ast.PosRange;
import io.moraine.promql.ast.SubqueryExpr;
import io.moraine.promql.ast.VectorSelector;
import io.moraine.promql.parser.TokenStream.Token;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Vector selectors and what may follow an expression: {@code [range]}, {@code [range:step]}, {@code
 * offset} and {@code @}, with the errors of Prometheus 2.42's grammar actions. Stateless apart from
 * the shared token stream.
 */
final class SelectorParser {
  private static final String OFFSET_TARGET =
      "offset modifier must be preceded by an instant vector selector or range vector selector or"
          + " a subquery";
  private static final String AT_TARGET =
      "@ modifier must be preceded by an instant vector selector or range vector selector or a"
          + " subquery";
  private static final String AT_TWICE = "@ <timestamp> may not be set multiple times";
  private static final String OFFSET_TWICE = "offset may not be set multiple times";

  private final TokenStream ts;

  SelectorParser(TokenStream ts) {
    this.ts = ts;
  }

  // --- vector selectors ------------------------------------------------------------------------

  /** {@code [name] [{matchers}]}; the name's {@code __name__} matcher goes first. */
  VectorSelector vectorSelector(@Nullable Token name) {
    List<Matcher> matchers = new ArrayList<>();
    int start;
    int end;
    if (name != null) {
      matchers.add(Matcher.eq("__name__", name.text()));
      start = name.start();
      end = name.end();
    } else {
      start = ts.peekStart();
      end = start;
    }
    if (ts.peek() == TokenType.LEFT_BRACE) {
      ts.skip();
      end = labelMatchers(matchers);
    }
    return new VectorSelector(
        name == null ? null : name.text(), matchers, 0, null, new PosRange(start, end));
  }

  /** The matchers after the opening brace, through the closing one; returns the brace's end. */
  private int labelMatchers(List<Matcher> out) {
    if (ts.peek() == TokenType.RIGHT_BRACE) {
      return ts.skip();
    }
    while (true) {
      if (ts.peek() != TokenType.IDENTIFIER) {
        throw ts.unexpected("label matching", "identifier or \"}\"");
      }
      Token label = ts.take();
      Matcher.Type type =
          switch (ts.peek()) {
            case EQL -> Matcher.Type.EQ;
            case NEQ -> Matcher.Type.NEQ;
            case EQL_REGEX -> Matcher.Type.RE;
            case NEQ_REGEX -> Matcher.Type.NRE;
            default -> throw ts.unexpected("label matching", "label matching operator");
          };
      ts.skip();
      if (ts.peek() != TokenType.STRING) {
        throw ts.unexpected("label matching", "string");
      }
      Token value = ts.take();
      try {
        out.add(Matcher.of(type, label.text(), GoText.unquote(value.text())));
      } catch (InvalidMatcherException e) {
        throw ts.errorAt(label.start(), regexError(GoText.unquote(value.text()), e));
      }
      TokenType t = ts.peek();
      if (t == TokenType.COMMA) {
        ts.skip();
        if (ts.peek() == TokenType.RIGHT_BRACE) {
          return ts.skip();
        }
      } else if (t == TokenType.RIGHT_BRACE) {
        return ts.skip();
      } else {
        throw ts.unexpected("label matching", "\",\" or \"}\"");
      }
    }
  }

  /**
   * Go's wording for the commonest regex mistakes, unbalanced parentheses (Prometheus compiles
   * {@code ^(?:re)$}); the matcher's own message otherwise.
   */
  private static String regexError(String re, InvalidMatcherException e) {
    String msg = String.valueOf(e.getMessage());
    String anchored = "`^(?:" + re + ")$`";
    if (msg.endsWith(": Unclosed group")) {
      return "error parsing regexp: missing closing ): " + anchored;
    }
    if (msg.endsWith(": Unmatched closing ')'")) {
      return "error parsing regexp: unexpected ): " + anchored;
    }
    return msg;
  }

  // --- postfix modifiers -----------------------------------------------------------------------

  /** Applies every {@code [..]}, {@code offset} and {@code @} that follows {@code e}. */
  Expr postfix(Expr e) {
    while (true) {
      switch (ts.peek()) {
        case LEFT_BRACKET -> e = rangeOrSubquery(e);
        case OFFSET -> e = offset(e);
        case AT -> e = at(e);
        default -> {
          return e;
        }
      }
    }
  }

  private Expr rangeOrSubquery(Expr e) {
    Token open = ts.take();
    if (ts.peek() != TokenType.DURATION) {
      throw ts.unexpected("subquery selector", "duration");
    }
    long range = duration(ts.take());
    TokenType t = ts.peek();
    if (t == TokenType.RIGHT_BRACKET) {
      int end = ts.skip();
      return matrix(e, range, open.start(), end);
    }
    if (t != TokenType.COLON) {
      throw ts.unexpected("subquery or range", "\":\" or \"]\"");
    }
    ts.skip();
    long step = 0;
    t = ts.peek();
    if (t == TokenType.DURATION) {
      step = duration(ts.take());
      if (ts.peek() != TokenType.RIGHT_BRACKET) {
        throw ts.unexpected("subquery selector", "\"]\"");
      }
    } else if (t != TokenType.RIGHT_BRACKET) {
      throw ts.unexpected("subquery selector", "duration or \"]\"");
    }
    int end = ts.skip();
    return new SubqueryExpr(e, range, step, 0, null, new PosRange(e.pos().start(), end));
  }

  private MatrixSelector matrix(Expr e, long range, int bracket, int end) {
    if (!(e instanceof VectorSelector vs)) {
      throw ts.errorAt(bracket, "ranges only allowed for vector selectors");
    }
    if (vs.offsetMillis() != 0) {
      throw ts.errorAt(bracket, "no offset modifiers allowed before range");
    }
    At at = vs.at();
    if (at != null && at.kind() == At.Kind.TIMESTAMP) {
      throw ts.errorAt(bracket, "no @ modifiers allowed before range");
    }
    return new MatrixSelector(vs, range, new PosRange(vs.pos().start(), end));
  }

  private Expr offset(Expr e) {
    ts.skip();
    boolean negative = false;
    if (ts.peek() == TokenType.SUB) {
      ts.skip();
      negative = true;
    }
    if (ts.peek() != TokenType.DURATION) {
      throw ts.unexpected("offset", "duration");
    }
    Token d = ts.take();
    long millis = duration(d);
    return withOffset(e, negative ? -millis : millis, d.end());
  }

  private Expr withOffset(Expr e, long offset, int end) {
    switch (e) {
      case VectorSelector vs -> {
        if (vs.offsetMillis() != 0) {
          throw ts.errorAt(e.pos().start(), OFFSET_TWICE);
        }
        return new VectorSelector(
            vs.name(), vs.matchers(), offset, vs.at(), new PosRange(vs.pos().start(), end));
      }
      case MatrixSelector ms -> {
        VectorSelector vs = ms.selector();
        if (vs.offsetMillis() != 0) {
          throw ts.errorAt(e.pos().start(), OFFSET_TWICE);
        }
        VectorSelector moved =
            new VectorSelector(vs.name(), vs.matchers(), offset, vs.at(), vs.pos());
        return new MatrixSelector(moved, ms.rangeMillis(), new PosRange(ms.pos().start(), end));
      }
      case SubqueryExpr sq -> {
        if (sq.offsetMillis() != 0) {
          throw ts.errorAt(e.pos().start(), OFFSET_TWICE);
        }
        return new SubqueryExpr(
            sq.expr(),
            sq.rangeMillis(),
            sq.stepMillis(),
            offset,
            sq.at(),
            new PosRange(sq.pos().start(), end));
      }
      default -> throw ts.errorAt(e.pos().start(), OFFSET_TARGET);
    }
  }

  private Expr at(Expr e) {
    ts.skip();
    TokenType t = ts.peek();
    if (t == TokenType.START || t == TokenType.END) {
      ts.skip();
      if (ts.peek() != TokenType.LEFT_PAREN) {
        throw ts.unexpected("@", "timestamp");
      }
      ts.skip();
      if (ts.peek() != TokenType.RIGHT_PAREN) {
        throw ts.unexpected("@", "timestamp");
      }
      int end = ts.skip();
      return withAt(e, t == TokenType.START ? At.START : At.END, end);
    }
    boolean negative = false;
    if (t == TokenType.ADD || t == TokenType.SUB) {
      ts.skip();
      negative = t == TokenType.SUB;
    }
    if (ts.peek() != TokenType.NUMBER) {
      throw ts.unexpected("@", "timestamp");
    }
    Token n = ts.take();
    double seconds = number(ts, n);
    if (negative) {
      seconds = -seconds;
    }
    if (Double.isNaN(seconds)
        || Double.isInfinite(seconds)
        || seconds >= (double) Long.MAX_VALUE
        || seconds <= (double) Long.MIN_VALUE) {
      throw ts.errorAt(
          e.pos().start(),
          "timestamp out of bounds for @ modifier: " + GoText.formatFixed(seconds, 6));
    }
    return withAt(e, At.timestamp(roundHalfAwayFromZero(seconds * 1000)), n.end());
  }

  /**
   * Go's {@code int64(math.Round(v))}, as Prometheus's {@code timestamp.FromFloatSeconds} computes
   * it on amd64: halves away from zero, and the minimum int64 for what does not fit.
   */
  private static long roundHalfAwayFromZero(double v) {
    double a = Math.abs(v);
    double r = Math.floor(a);
    if (a - r >= 0.5) {
      r += 1;
    }
    double signed = Math.copySign(r, v);
    if (signed >= 0x1p63 || signed < -0x1p63) {
      return Long.MIN_VALUE;
    }
    return (long) signed;
  }

  private Expr withAt(Expr e, At at, int end) {
    switch (e) {
      case VectorSelector vs -> {
        if (vs.at() != null) {
          throw ts.errorAt(e.pos().start(), AT_TWICE);
        }
        return new VectorSelector(
            vs.name(), vs.matchers(), vs.offsetMillis(), at, new PosRange(vs.pos().start(), end));
      }
      case MatrixSelector ms -> {
        VectorSelector vs = ms.selector();
        if (vs.at() != null) {
          throw ts.errorAt(e.pos().start(), AT_TWICE);
        }
        VectorSelector moved =
            new VectorSelector(vs.name(), vs.matchers(), vs.offsetMillis(), at, vs.pos());
        return new MatrixSelector(moved, ms.rangeMillis(), new PosRange(ms.pos().start(), end));
      }
      case SubqueryExpr sq -> {
        if (sq.at() != null) {
          throw ts.errorAt(e.pos().start(), AT_TWICE);
        }
        return new SubqueryExpr(
            sq.expr(),
            sq.rangeMillis(),
            sq.stepMillis(),
            sq.offsetMillis(),
            at,
            new PosRange(sq.pos().start(), end));
      }
      default -> throw ts.errorAt(e.pos().start(), AT_TARGET);
    }
  }

  // --- literals --------------------------------------------------------------------------------

  /** A range, step or offset: a valid duration greater than 0. */
  private long duration(Token d) {
    long millis;
    try {
      millis = Literals.parseDuration(d.text());
    } catch (IllegalArgumentException e) {
      throw ts.errorAt(d.start(), String.valueOf(e.getMessage()));
    }
    if (millis == 0) {
      throw ts.errorAt(d.start(), "duration must be greater than 0");
    }
    return millis;
  }

  /** A number literal's value, or Prometheus's "error parsing number" at the token. */
  static double number(TokenStream ts, Token n) {
    try {
      return Literals.parseNumber(n.text());
    } catch (IllegalArgumentException e) {
      throw ts.errorAt(n.start(), "error parsing number: " + e.getMessage());
    }
  }
}
