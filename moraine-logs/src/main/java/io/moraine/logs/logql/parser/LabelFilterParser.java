package io.moraine.logs.logql.parser;

import io.moraine.core.labels.Matcher;
import io.moraine.logs.logql.ast.LabelFilter;
import io.moraine.logs.logql.ast.LabelFilter.Comparison;
import io.moraine.logs.logql.ast.Unwrap;
import io.moraine.logs.logql.units.GoFloat;
import java.util.ArrayList;
import java.util.List;

/**
 * Label filter expressions and unwraps. Precedence follows Loki's yacc grammar exactly: {@code or}
 * binds loosest, {@code and} tighter, both left-associative; a comma or plain juxtaposition joins
 * the filter before it with everything after it (yacc shifts there), so {@code a, b or c} is {@code
 * a and (b or c)}.
 */
final class LabelFilterParser {
  private static final String UNIT_VALUES = "BYTES or NUMBER or DURATION";
  private static final int OR = 1;
  private static final int AND = 2;

  private final TokenCursor in;
  private final PipelineParser pipeline;

  LabelFilterParser(TokenCursor in, PipelineParser pipeline) {
    this.in = in;
    this.pipeline = pipeline;
  }

  /**
   * A whole label filter expression.
   *
   * @param afterOperator whether the parser is right after and/or/comma/unwrap's pipe, where Loki
   *     names what it expected
   */
  LabelFilter expression(boolean afterOperator) {
    return expression(0, afterOperator);
  }

  private LabelFilter expression(int minPrec, boolean afterOperator) {
    LabelFilter left = primary(afterOperator);
    while (true) {
      TokenType t = in.peek().type();
      if (t == TokenType.COMMA || t == TokenType.IDENTIFIER || t == TokenType.OPEN_PAREN) {
        boolean comma = in.accept(TokenType.COMMA);
        left = new LabelFilter.And(left, expression(0, comma));
      } else if (t == TokenType.AND && AND >= minPrec) {
        in.next();
        left = new LabelFilter.And(left, expression(AND + 1, true));
      } else if (t == TokenType.OR && OR >= minPrec) {
        in.next();
        left = new LabelFilter.Or(left, expression(OR + 1, true));
      } else {
        return left;
      }
    }
  }

  private LabelFilter primary(boolean afterOperator) {
    if (in.accept(TokenType.OPEN_PAREN)) {
      LabelFilter inner = expression(0, true);
      in.expect(TokenType.CLOSE_PAREN, null);
      return inner;
    }
    Token name = in.expect(TokenType.IDENTIFIER, afterOperator ? "IDENTIFIER or (" : null);
    Token op = in.peek();
    return switch (op.type()) {
      case EQ, NEQ -> equality(name, in.next());
      case RE, NRE -> new LabelFilter.StringFilter(pipeline.matcherAfterName(name));
      case CMP_EQ, GT, GTE, LT, LTE -> {
        in.next();
        yield unit(name, comparison(op.type()), UNIT_VALUES);
      }
      default -> throw in.unexpected(null);
    };
  }

  private LabelFilter equality(Token name, Token op) {
    boolean eq = op.is(TokenType.EQ);
    Token value = in.peek();
    return switch (value.type()) {
      case STRING -> {
        in.next();
        Matcher.Type type = eq ? Matcher.Type.EQ : Matcher.Type.NEQ;
        yield new LabelFilter.StringFilter(PipelineParser.matcher(name, type, value.text()));
      }
      case IP -> new LabelFilter.IpFilter(name.text(), eq, pipeline.ipArgument());
      default -> unit(name, eq ? Comparison.EQ : Comparison.NEQ, null);
    };
  }

  private LabelFilter unit(
      Token name, Comparison op, @org.jspecify.annotations.Nullable String expecting) {
    Token value = in.peek();
    return switch (value.type()) {
      case NUMBER -> {
        in.next();
        double v;
        try {
          v = GoFloat.parse(value.text());
        } catch (IllegalArgumentException e) {
          throw TokenCursor.at(value, "unable to parse float: " + e.getMessage());
        }
        yield new LabelFilter.NumberFilter(name.text(), op, v);
      }
      case DURATION -> new LabelFilter.DurationFilter(name.text(), op, in.next().number());
      case BYTES -> new LabelFilter.BytesFilter(name.text(), op, in.next().number());
      default -> throw in.unexpected(expecting);
    };
  }

  private static Comparison comparison(TokenType t) {
    return switch (t) {
      case GT -> Comparison.GT;
      case GTE -> Comparison.GTE;
      case LT -> Comparison.LT;
      case LTE -> Comparison.LTE;
      default -> Comparison.EQ;
    };
  }

  /** {@code | unwrap x} or {@code | unwrap bytes(x)}, then {@code | filter}s; at the pipe. */
  Unwrap unwrap() {
    in.expect(TokenType.PIPE, "|");
    in.expect(TokenType.UNWRAP, "unwrap");
    Unwrap.Conversion conversion = Unwrap.Conversion.NONE;
    String label;
    if (in.at(TokenType.CONV_FN)) {
      conversion =
          switch (in.next().text()) {
            case "bytes" -> Unwrap.Conversion.BYTES;
            case "duration" -> Unwrap.Conversion.DURATION;
            default -> Unwrap.Conversion.DURATION_SECONDS;
          };
      in.expect(TokenType.OPEN_PAREN, "(");
      label = in.expect(TokenType.IDENTIFIER, "IDENTIFIER").text();
      in.expect(TokenType.CLOSE_PAREN, ")");
    } else {
      label =
          in.expect(
                  TokenType.IDENTIFIER,
                  "IDENTIFIER or BYTES_CONV or DURATION_CONV or DURATION_SECONDS_CONV")
              .text();
    }
    List<LabelFilter> post = new ArrayList<>();
    while (in.accept(TokenType.PIPE)) {
      post.add(expression(true));
    }
    return new Unwrap(label, conversion, post);
  }
}
