package io.moraine.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Invalid queries with the exact message and position Prometheus 2.42.0 gives for them (taken from
 * its {@code /api/v1/format_query}): one of each kind of error, lexical, syntactic, of the
 * grammar's actions and of the type checks. In the table a query's {@code \\n} is a line break and
 * {@code \\\\} a backslash.
 */
class ErrorMessagesTest {
  private static final String TABLE =
      """
         => 1:1: parse error: no expression found in input
        # just a comment => 1:1: parse error: no expression found in input
        1 + => 1:4: parse error: unexpected end of input
        foo bar => 1:5: parse error: unexpected identifier "bar"
        *1 => 1:1: parse error: unexpected <op:*>
        (1)) => 1:5: parse error: unexpected right parenthesis ')'
        ((1) => 1:5: parse error: unclosed left parenthesis
        foo[5m => 1:7: parse error: unclosed left bracket
        foo{a="b" => 1:10: parse error: unexpected end of input inside braces
        . => 1:1: parse error: unexpected character: '.'
        100..4 => 1:5: parse error: unexpected number ".4"
        0deadbeef => 1:1: parse error: bad number or duration syntax: "0de"
        1e400 => 1:1: parse error: error parsing number: strconv.ParseFloat: parsing "1e400": value out of range
        1 == 1 => 1:3: parse error: comparisons between scalars must use BOOL modifier
        1 == bool 1 and 2 => 1:1: parse error: set operator "and" not allowed in binary scalar expression
        1 and 1 => 1:1: parse error: set operator "and" not allowed in binary scalar expression
        foo or 1 => 1:1: parse error: set operator "or" not allowed in binary scalar expression
        1 unless foo => 1:1: parse error: set operator "unless" not allowed in binary scalar expression
        foo + bool bar => 1:5: parse error: bool modifier can only be used on comparison operators
        foo and bool 10 => 1:5: parse error: bool modifier can only be used on comparison operators
        foo == on(bar) 10 => 1:1: parse error: vector matching only allowed between instant vectors
        1 or on(bar) foo => 1:1: parse error: vector matching only allowed between instant vectors
        foo + group_left(baz) bar => 1:7: parse error: unexpected <group_left>
        foo and on(bar) group_left(baz) bar => 1:1: parse error: no grouping allowed for "and" operation
        foo or on(bar) group_right(baz) bar => 1:1: parse error: no grouping allowed for "or" operation
        foo + on(instance) group_left(job, instance) bar => 1:5: parse error: label "instance" must not occur in ON and GROUP clause at once
        a - on(b) ignoring(c) d => 1:11: parse error: unexpected <ignoring>
        foo[5m] + 1 => 1:1: parse error: binary expression must contain only scalar and instant vector types
        1 - "a" => 1:5: parse error: binary expression must contain only scalar and instant vector types
        -"string" => 1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "string"
        -test[5m] => 1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "range vector"
        rate(foo) => 1:6: parse error: expected type range vector in call to function "rate", got instant vector
        rate(foo[5m], 1) => 1:1: parse error: expected 1 argument(s) in call to "rate", got 2
        floor() => 1:1: parse error: expected 1 argument(s) in call to "floor", got 0
        hour(a, b, c) => 1:1: parse error: expected at most 1 argument(s) in call to "hour", got 3
        label_join(foo) => 1:1: parse error: expected at least 3 argument(s) in call to "label_join", got 1
        time(1) => 1:1: parse error: expected 0 argument(s) in call to "time", got 1
        foo(bar) => 1:1: parse error: unknown function with name "foo"
        RATE(foo[5m]) => 1:1: parse error: unknown function with name "RATE"
        rate(foo[5m],) => 1:13: parse error: trailing commas not allowed in function call args
        sum(foo,) => 1:8: parse error: trailing commas not allowed in function call args
        sum() => 1:1: parse error: no arguments for aggregate expression provided
        topk(foo) => 1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1
        topk(foo, bar) => 1:6: parse error: expected type scalar in aggregation parameter, got instant vector
        count_values(5, foo) => 1:14: parse error: expected type string in aggregation parameter, got scalar
        quantile("a", foo) => 1:10: parse error: expected type scalar in aggregation parameter, got string
        sum(foo[5m]) => 1:5: parse error: expected type instant vector in aggregation expression, got range vector
        sum by (a) foo => 1:12: parse error: unexpected identifier "foo" in aggregation
        sum (foo) by bar => 1:14: parse error: unexpected identifier "bar" in grouping opts, expected "("
        sum by (foo:bar) (x) => 1:9: parse error: unexpected metric identifier "foo:bar" in grouping opts, expected label
        sum without (a,,) (x) => 1:16: parse error: unexpected "," in grouping opts, expected label
        sum (foo) without (a) by (b) => 1:23: parse error: unexpected <by>
        MIN keep_common (foo) => 1:5: parse error: unexpected identifier "keep_common"
        sum(foo bar) => 1:9: parse error: unexpected identifier "bar" in aggregation
        {} => 1:1: parse error: vector selector must contain at least one non-empty matcher
        {a=""} => 1:1: parse error: vector selector must contain at least one non-empty matcher
        {a=~".*"} => 1:1: parse error: vector selector must contain at least one non-empty matcher
        foo{__name__="bar"} => 1:1: parse error: metric name must not be set twice: "foo" or "bar"
        foo{a=b} => 1:7: parse error: unexpected identifier "b" in label matching, expected string
        foo{a} => 1:6: parse error: unexpected "}" in label matching, expected label matching operator
        foo{,} => 1:5: parse error: unexpected "," in label matching, expected identifier or "}"
        foo{a="b" c="d"} => 1:11: parse error: unexpected identifier "c" in label matching, expected "," or "}"
        foo{a:b="c"} => 1:6: parse error: unexpected character inside braces: ':'
        foo{a*"b"} => 1:6: parse error: unexpected character inside braces: '*'
        foo{a=~"("} => 1:5: parse error: error parsing regexp: missing closing ): `^(?:()$`
        foo{a="\\\\z"} => 1:7: parse error: unknown escape sequence U+007A 'z'
        foo{a="\\\\x4g"} => 1:7: parse error: illegal character U+0067 'g' in escape sequence
        foo{a="\\\\uD800"} => 1:7: parse error: escape sequence is an invalid Unicode code point
        "\\\\ => 1:1: parse error: escape sequence not terminated
        `abc => 1:1: parse error: unterminated raw string
        "abc => 1:1: parse error: unterminated quoted string
        foo[5mm] => 1:5: parse error: bad duration syntax: "5mm"
        foo[5m1] => 1:5: parse error: bad duration syntax: "5m1"
        foo[5m1h] => 1:5: parse error: not a valid duration string: "5m1h"
        foo[0s] => 1:5: parse error: duration must be greater than 0
        foo[] => 1:5: parse error: missing unit character in duration
        foo[1] => 1:5: parse error: missing unit character in duration
        foo[5m:1m1] => 1:8: parse error: bad number or duration syntax: "1m1"
        foo[5m:1] => 1:8: parse error: unexpected number "1" in subquery selector, expected duration or "]"
        foo[5m 5m] => 1:8: parse error: unexpected duration "5m" in subquery or range, expected ":" or "]"
        foo[5m:1m:] => 1:10: parse error: unexpected colon ':'
        foo[-5m] => 1:5: parse error: missing unit character in duration
        foo offset => 1:11: parse error: unexpected end of input in offset, expected duration
        foo offset 1 => 1:12: parse error: unexpected number "1" in offset, expected duration
        foo offset 5m offset 6m => 1:1: parse error: offset may not be set multiple times
        1 offset 1d => 1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery
        foo offset 5m [5m] => 1:15: parse error: no offset modifiers allowed before range
        foo @ 5 [5m] => 1:9: parse error: no @ modifiers allowed before range
        (foo)[5m] => 1:6: parse error: ranges only allowed for vector selectors
        rate(foo[1m])[1h] => 1:14: parse error: ranges only allowed for vector selectors
        foo @ => 1:6: parse error: unexpected end of input in @, expected timestamp
        foo @ 1m => 1:7: parse error: unexpected duration "1m" in @, expected timestamp
        foo @ start => 1:12: parse error: unexpected end of input in @, expected timestamp
        foo @ Inf => 1:1: parse error: timestamp out of bounds for @ modifier: +Inf
        foo @ NaN => 1:1: parse error: timestamp out of bounds for @ modifier: NaN
        foo @ 1 @ 2 => 1:1: parse error: @ <timestamp> may not be set multiple times
        foo @ start() @ 2 => 1:1: parse error: @ <timestamp> may not be set multiple times
        rate(foo[5m]) @ 10 => 1:1: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery
        foo[5m:] offset 1m offset 2m => 1:1: parse error: offset may not be set multiple times
        foo[5m:] @ 1 @ 2 => 1:1: parse error: @ <timestamp> may not be set multiple times
        foo[5m][10m:] => 1:1: parse error: subquery is only allowed on instant vector, got matrix instead
        (foo[5m])[10m:] => 1:1: parse error: subquery is only allowed on instant vector, got matrix instead
        start() => 1:6: parse error: unexpected "("
        foo ! bar => 1:5: parse error: unexpected character after '!': ' '
        foo =~ bar => 1:5: parse error: unexpected character after '=': '~'
        foo{a!b="c"} => 1:6: parse error: unexpected character after '!' inside braces: 'b'
        foo ä => 1:5: parse error: unexpected character: 'ä'
        foo{a="b"} + ä => 1:14: parse error: unexpected character: 'ä'
        + => 1:2: parse error: unexpected end of input
        foo{a="ä"} + => 1:14: parse error: unexpected end of input
        foo\\n+\\nbar offset => 3:11: parse error: unexpected end of input in offset, expected duration
        sum(\\n  rate(foo[5m]\\n) by (a) => 3:3: parse error: unexpected <by> in aggregation
      """;

  @TestFactory
  Stream<DynamicTest> invalidQueries() {
    return TABLE
        .lines()
        .filter(l -> !l.isBlank())
        .map(
            row -> {
              int sep = row.indexOf(" => ");
              String query = unescape(row.substring(0, sep).strip());
              String message = row.substring(sep + 4);
              return dynamicTest(
                  "[" + query + "]",
                  () ->
                      assertThatThrownBy(() -> Parser.parse(query))
                          .isInstanceOf(ParseException.class)
                          .hasMessage(message));
            });
  }

  @Test
  void exceptionCarriesItsParts() {
    ParseException e = catchParse("foo +\n  bar{");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(7);
    assertThat(e.reason()).isEqualTo("unexpected end of input inside braces");
  }

  @Test
  void columnsCountUtf8Bytes() {
    assertThat(catchParse("{a=\"\u00e4\u00e4\"} +").column()).isEqualTo(13);
    assertThat(catchParse("\"\ud83d\ude00\" + @").column()).isEqualTo(10);
  }

  private static ParseException catchParse(String query) {
    try {
      Parser.parse(query);
    } catch (ParseException e) {
      return e;
    }
    throw new AssertionError("parsed: " + query);
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(n == 'n' ? '\n' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
