package io.moraine.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Matcher;
import io.moraine.promql.ast.AggregateExpr;
import io.moraine.promql.ast.AggregateOp;
import io.moraine.promql.ast.At;
import io.moraine.promql.ast.BinaryExpr;
import io.moraine.promql.ast.BinaryOp;
import io.moraine.promql.ast.Call;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.ast.MatrixSelector;
import io.moraine.promql.ast.NumberLiteral;
import io.moraine.promql.ast.ParenExpr;
import io.moraine.promql.ast.PosRange;
import io.moraine.promql.ast.StringLiteral;
import io.moraine.promql.ast.SubqueryExpr;
import io.moraine.promql.ast.UnaryExpr;
import io.moraine.promql.ast.ValueType;
import io.moraine.promql.ast.VectorMatching;
import io.moraine.promql.ast.VectorMatching.Cardinality;
import io.moraine.promql.ast.VectorSelector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tree the parser builds: precedence, associativity, matching, modifiers, literals. */
class ParserTest {

  // --- precedence and associativity --------------------------------------------------------------

  /** Each query against the same query fully parenthesized: the printed trees must agree. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1 + 2 * 3                 | 1 + (2 * 3)",
        "1 * 2 + 3                 | (1 * 2) + 3",
        "1 - 2 - 3                 | (1 - 2) - 3",
        "1 / 2 * 3 % 4             | ((1 / 2) * 3) % 4",
        "2 ^ 3 ^ 2                 | 2 ^ (3 ^ 2)",
        "a or b and c unless d     | a or ((b and c) unless d)",
        "a == b != c               | (a == b) != c",
        "a + b > bool c * d        | (a + b) > bool (c * d)",
        "a atan2 b ^ c             | a atan2 (b ^ c)",
        "a * b atan2 c             | (a * b) atan2 c",
        "-a * b                    | (-a) * b",
        "-a ^ b                    | -(a ^ b)",
        "a ^ -b                    | a ^ (-b)",
        "a ^ -b ^ c                | a ^ (-(b ^ c))",
        "-a + b                    | (-a) + b",
        "a + b offset 5m           | a + (b offset 5m)",
        "-a offset 5m              | -(a offset 5m)",
        "a + b[5m:]                | a + (b[5m:])",
        "a > 1 and b               | (a > 1) and b",
      })
  void bindsLikePrometheus(String query, String parenthesized) {
    // The syntax alone: "a + b[5m:]" binds as Prometheus binds it before type checks reject it.
    Expr e = new ExprParser(query).parseQuery();
    assertThat(strip(e)).isEqualTo(strip(new ExprParser(parenthesized).parseQuery()));
  }

  /** The tree with parentheses removed, printed with explicit grouping. */
  private static String strip(Expr e) {
    return switch (e) {
      case ParenExpr p -> strip(p.expr());
      case BinaryExpr b ->
          "("
              + strip(b.lhs())
              + " "
              + b.op()
              + (b.returnBool() ? " bool " : " ")
              + strip(b.rhs())
              + ")";
      case UnaryExpr u -> (u.negate() ? "neg(" : "pos(") + strip(u.expr()) + ")";
      case SubqueryExpr s -> "subquery(" + strip(s.expr()) + ")";
      default -> Printer.print(e);
    };
  }

  @Test
  void unaryMinusBindsLooserThanPower() {
    Expr e = Parser.parse("-2^2");
    assertThat(e).isInstanceOf(UnaryExpr.class);
    UnaryExpr u = (UnaryExpr) e;
    assertThat(u.negate()).isTrue();
    assertThat(((BinaryExpr) u.expr()).op()).isEqualTo(BinaryOp.POW);
    assertThat(Printer.print(e)).isEqualTo("-2 ^ 2");
  }

  @Test
  void signedNumbersFoldIntoTheLiteral() {
    assertThat(Parser.parse("-1")).isEqualTo(new NumberLiteral(-1, new PosRange(0, 2)));
    assertThat(Parser.parse("- - 1")).isEqualTo(new NumberLiteral(1, new PosRange(0, 5)));
    assertThat(Parser.parse("+1.5")).isEqualTo(new NumberLiteral(1.5, new PosRange(0, 4)));
    assertThat(Parser.parse("-(1)")).isInstanceOf(UnaryExpr.class);
    assertThat(Parser.parse("+foo")).isInstanceOf(UnaryExpr.class);
    BinaryExpr b = (BinaryExpr) Parser.parse("2 * -3");
    assertThat(b.rhs()).isEqualTo(new NumberLiteral(-3, new PosRange(4, 6)));
  }

  // --- vector matching ---------------------------------------------------------------------------

  @Test
  void vectorOperandsWithoutClauseMatchOneToOne() {
    BinaryExpr b = (BinaryExpr) Parser.parse("foo + bar");
    assertThat(b.matching())
        .isEqualTo(new VectorMatching(Cardinality.ONE_TO_ONE, List.of(), false, List.of()));
  }

  @Test
  void setOperatorsMatchManyToMany() {
    for (String op : List.of("and", "or", "unless")) {
      BinaryExpr b = (BinaryExpr) Parser.parse("foo " + op + " on(a) bar");
      assertThat(b.matching())
          .isEqualTo(new VectorMatching(Cardinality.MANY_TO_MANY, List.of("a"), true, List.of()));
    }
    BinaryExpr plain = (BinaryExpr) Parser.parse("foo and bar");
    assertThat(plain.matching())
        .isEqualTo(new VectorMatching(Cardinality.MANY_TO_MANY, List.of(), false, List.of()));
  }

  @Test
  void scalarOperandsHaveNoMatching() {
    assertThat(((BinaryExpr) Parser.parse("foo + 1")).matching()).isNull();
    assertThat(((BinaryExpr) Parser.parse("1 + foo")).matching()).isNull();
    assertThat(((BinaryExpr) Parser.parse("1 + on() foo")).matching()).isNull();
    assertThat(((BinaryExpr) Parser.parse("1 + 2")).matching()).isNull();
    assertThat(Parser.parse("1 + 2").type()).isEqualTo(ValueType.SCALAR);
    assertThat(Parser.parse("scalar(foo) * 2").type()).isEqualTo(ValueType.SCALAR);
  }

  @Test
  void groupModifiersSetCardinalityAndIncludeLabels() {
    BinaryExpr left = (BinaryExpr) Parser.parse("foo * on(a, b) group_left(c) bar");
    assertThat(left.matching())
        .isEqualTo(
            new VectorMatching(Cardinality.MANY_TO_ONE, List.of("a", "b"), true, List.of("c")));
    BinaryExpr right = (BinaryExpr) Parser.parse("foo / ignoring(a) group_right bar");
    assertThat(right.matching())
        .isEqualTo(new VectorMatching(Cardinality.ONE_TO_MANY, List.of("a"), false, List.of()));
    BinaryExpr cmp = (BinaryExpr) Parser.parse("foo > bool on() bar");
    assertThat(cmp.returnBool()).isTrue();
    assertThat(cmp.matching())
        .isEqualTo(new VectorMatching(Cardinality.ONE_TO_ONE, List.of(), true, List.of()));
    assertThat(Printer.print(cmp)).isEqualTo("foo > bool on () bar");
  }

  // --- selectors and modifiers -------------------------------------------------------------------

  @Test
  void metricNameBecomesTheFirstMatcher() {
    VectorSelector vs = (VectorSelector) Parser.parse("foo:bar{a=\"b\", c!~\"d\"}");
    assertThat(vs.name()).isEqualTo("foo:bar");
    assertThat(vs.matchers())
        .containsExactly(
            Matcher.eq("__name__", "foo:bar"), Matcher.eq("a", "b"), Matcher.nre("c", "d"));
    assertThat(vs.pos()).isEqualTo(new PosRange(0, 22));

    VectorSelector byName = (VectorSelector) Parser.parse("{__name__=~\"x.*\"}");
    assertThat(byName.name()).isNull();
    assertThat(byName.matchers()).containsExactly(Matcher.re("__name__", "x.*"));
  }

  @Test
  void keywordsServeAsNames() {
    assertThat(((VectorSelector) Parser.parse("sum")).name()).isEqualTo("sum");
    assertThat(((VectorSelector) Parser.parse("offset")).name()).isEqualTo("offset");
    VectorSelector vs = (VectorSelector) Parser.parse("by{on=\"a\", bool=\"b\", offset=\"c\"}");
    assertThat(vs.matchers())
        .extracting(Matcher::name)
        .containsExactly("__name__", "on", "bool", "offset");
    AggregateExpr a = (AggregateExpr) Parser.parse("sum by (on, by, BOOL, start, atan2) (x)");
    assertThat(a.grouping()).containsExactly("on", "by", "BOOL", "start", "atan2");
  }

  @Test
  void offsetAndAtInEitherOrder() {
    VectorSelector a = (VectorSelector) Parser.parse("foo offset -5m @ 100.5");
    VectorSelector b = (VectorSelector) Parser.parse("foo @ 100.5 offset -5m");
    assertThat(a.offsetMillis()).isEqualTo(-300_000);
    assertThat(a.at()).isEqualTo(At.timestamp(100_500));
    assertThat(b.offsetMillis()).isEqualTo(a.offsetMillis());
    assertThat(b.at()).isEqualTo(a.at());
    assertThat(Printer.print(a)).isEqualTo("foo @ 100.500 offset -5m");
    assertThat(((VectorSelector) Parser.parse("foo @ start()")).at()).isEqualTo(At.START);
    assertThat(((VectorSelector) Parser.parse("foo @ end()")).at()).isEqualTo(At.END);
  }

  @Test
  void rangeModifiersLiveOnTheSelector() {
    MatrixSelector m = (MatrixSelector) Parser.parse("foo[1h30m] offset 1m @ end()");
    assertThat(m.rangeMillis()).isEqualTo(5_400_000);
    assertThat(m.selector().offsetMillis()).isEqualTo(60_000);
    assertThat(m.selector().at()).isEqualTo(At.END);
    assertThat(m.pos()).isEqualTo(new PosRange(0, 28));
    assertThat(Printer.print(m)).isEqualTo("foo[1h30m] @ end() offset 1m");
  }

  @Test
  void subqueries() {
    SubqueryExpr s = (SubqueryExpr) Parser.parse("rate(foo[5m])[1h:1m] offset 2m @ 10");
    assertThat(s.rangeMillis()).isEqualTo(3_600_000);
    assertThat(s.stepMillis()).isEqualTo(60_000);
    assertThat(s.offsetMillis()).isEqualTo(120_000);
    assertThat(s.at()).isEqualTo(At.timestamp(10_000));
    assertThat(s.expr()).isInstanceOf(Call.class);
    SubqueryExpr noStep = (SubqueryExpr) Parser.parse("foo[5m:]");
    assertThat(noStep.stepMillis()).isZero();
    assertThat(Printer.print(noStep)).isEqualTo("foo[5m:]");
  }

  // --- aggregations and calls --------------------------------------------------------------------

  @Test
  void groupingBeforeOrAfterTheArguments() {
    AggregateExpr before = (AggregateExpr) Parser.parse("sum by (a, b) (x)");
    AggregateExpr after = (AggregateExpr) Parser.parse("sum(x) by (a, b)");
    assertThat(before.grouping()).containsExactly("a", "b");
    assertThat(after.grouping()).isEqualTo(before.grouping());
    assertThat(Printer.print(after)).isEqualTo("sum by (a, b) (x)");
    AggregateExpr without = (AggregateExpr) Parser.parse("avg without (a) (x)");
    assertThat(without.without()).isTrue();
    assertThat(without.op()).isEqualTo(AggregateOp.AVG);
  }

  @Test
  void aggregationParameters() {
    AggregateExpr topk = (AggregateExpr) Parser.parse("topk(3, x)");
    assertThat(topk.param()).isInstanceOf(NumberLiteral.class);
    AggregateExpr cv = (AggregateExpr) Parser.parse("count_values(\"v\", x)");
    assertThat(cv.param()).isEqualTo(new StringLiteral("v", new PosRange(13, 16)));
    assertThat(((AggregateExpr) Parser.parse("sum(x)")).param()).isNull();
  }

  @Test
  void callsCarryTheFunctionSignature() {
    Call c = (Call) Parser.parse("histogram_quantile(0.9, rate(foo[5m]))");
    assertThat(c.func().name()).isEqualTo("histogram_quantile");
    assertThat(c.args()).hasSize(2);
    assertThat(c.type()).isEqualTo(ValueType.VECTOR);
    assertThat(Parser.parse("label_join(foo, \"a\", \",\")")).isInstanceOf(Call.class);
    assertThat(Parser.parse("label_join(foo, \"a\", \",\", \"b\", \"c\")"))
        .isInstanceOf(Call.class);
    assertThat(Parser.parse("round(foo)")).isInstanceOf(Call.class);
    assertThat(Parser.parse("hour()")).isInstanceOf(Call.class);
    assertThat(Parser.parse("time()").type()).isEqualTo(ValueType.SCALAR);
  }

  @Test
  void anyTypeAtTheTop() {
    assertThat(Parser.parse("foo[5m]").type()).isEqualTo(ValueType.MATRIX);
    assertThat(Parser.parse("\"a\"").type()).isEqualTo(ValueType.STRING);
    assertThat(Parser.parse("(foo[5m])").type()).isEqualTo(ValueType.MATRIX);
  }

  // --- literals ----------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "1, 1",
    ".5, 0.5",
    "5., 5",
    "1e3, 1000",
    "1E-3, 0.001",
    "0x1F, 31",
    "0Xff, 255",
    "010, 8",
    "08, 8",
    "Inf, Infinity",
    "inF, Infinity",
    "-inf, -Infinity",
    "NaN, NaN",
    "nan, NaN",
    "9223372036854775808, 9.223372036854776E18",
  })
  void numbers(String text, double value) {
    assertThat(((NumberLiteral) Parser.parse(text)).value()).isEqualTo(Double.valueOf(value));
  }

  @Test
  void stringsResolveGoEscapes() {
    assertThat(string("\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\"")).isEqualTo("\u0007\b\f\n\r\t\u000b\\\"");
    assertThat(string("'\\''")).isEqualTo("'");
    assertThat(string("\"\\x41\\101\\u00e4\\U0001F600\"")).isEqualTo("AAä😀");
    assertThat(string("\"\\xc3\\xa4\"")).isEqualTo("ä");
    assertThat(string("`a\\nb\"'`")).isEqualTo("a\\nb\"'");
    assertThat(string("`a\nb`")).isEqualTo("a\nb");
    assertThat(Printer.print(Parser.parse("'a\"b'"))).isEqualTo("\"a\\\"b\"");
    assertThat(Printer.print(Parser.parse("\"\\u200b\\x01ä\""))).isEqualTo("\"\\u200b\\x01ä\"");
  }

  private static String string(String literal) {
    return ((StringLiteral) Parser.parse(literal)).value();
  }

  @Test
  void commentsAndWhitespace() {
    assertThat(Printer.print(Parser.parse("# a comment\nfoo # another\n+ # and\n\tbar")))
        .isEqualTo("foo + bar");
    assertThat(Printer.print(Parser.parse("foo{a=\"b\", # inside braces\nc=\"d\"}")))
        .isEqualTo("foo{a=\"b\",c=\"d\"}");
  }

  @Test
  void deepNestingIsAParseErrorNotACrash() {
    String deep = "(".repeat(200_000) + "1" + ")".repeat(200_000);
    assertThatThrownBy(() -> Parser.parse(deep))
        .isInstanceOf(ParseException.class)
        .hasMessage("1:1: parse error: expression nested too deeply");
    String fine = "(".repeat(500) + "1" + ")".repeat(500);
    assertThat(Printer.print(Parser.parse(fine))).isEqualTo(fine);
  }

  // --- the other entry points --------------------------------------------------------------------

  @Test
  void selectorsForMatchParameters() {
    assertThat(Parser.parseSelector("up{job=\"a\"}"))
        .containsExactly(Matcher.eq("__name__", "up"), Matcher.eq("job", "a"));
    assertThat(Parser.parseSelector("{__name__=~\"a.*\"}"))
        .containsExactly(Matcher.re("__name__", "a.*"));
    assertThat(Parser.parseSelector("{}")).isEmpty(); // the API checks for a non-empty matcher
    assertThatThrownBy(() -> Parser.parseSelector("sum(foo)"))
        .hasMessage("1:4: parse error: unexpected \"(\"");
    assertThatThrownBy(() -> Parser.parseSelector("foo[5m]"))
        .hasMessage("1:4: parse error: unexpected \"[\"");
    assertThatThrownBy(() -> Parser.parseSelector("foo offset 5m"))
        .hasMessage("1:5: parse error: unexpected <offset>");
    assertThatThrownBy(() -> Parser.parseSelector(""))
        .hasMessage("1:1: parse error: unexpected end of input");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "1ms, 1",
    "5m, 300000",
    "1h30m, 5400000",
    "1y, 31536000000",
    "2w, 1209600000",
    "1y2w3d4h5m6s7ms, 33019506007",
    "0s, 0",
    "292y, 9208512000000",
  })
  void durations(String text, long millis) {
    assertThat(Parser.parseDuration(text)).isEqualTo(millis);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1x      | not a valid duration string: \"1x\"",
        "5m1h    | not a valid duration string: \"5m1h\"",
        "1m1m    | not a valid duration string: \"1m1m\"",
        "1.5h    | not a valid duration string: \"1.5h\"",
        "-5m     | not a valid duration string: \"-5m\"",
        "5       | not a valid duration string: \"5\"",
        "h       | not a valid duration string: \"h\"",
        "293y    | duration out of range",
        "106752d | duration out of range",
      })
  void badDurations(String text, String message) {
    assertThatThrownBy(() -> Parser.parseDuration(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> Parser.parseDuration("")).hasMessage("empty duration string");
  }
}
