package io.moraine.server.api.prom;

import io.moraine.core.labels.GoQuote;
import io.moraine.core.labels.Matcher;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.ast.VectorSelector;
import io.moraine.promql.parser.ParseException;
import io.moraine.promql.parser.Parser;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code match[]} parameter: each value a series selector such as {@code up{job="node"}}, as
 * Prometheus' {@code ParseMetricSelector} reads it. Parsed with the full PromQL parser, then
 * checked to be a plain selector; the parser's own check that a selector has a non-empty matcher is
 * answered with the API's {@code match[]} message, which Prometheus gives there. Stateless.
 */
final class Selectors {
  /** The parser's reason for {@code {job=""}}, which the API words its own way. */
  private static final String EMPTY_SELECTOR =
      "vector selector must contain at least one non-empty matcher";

  private Selectors() {}

  /**
   * Parses every selector.
   *
   * @throws io.moraine.promql.parser.ParseException for text that is not PromQL
   * @throws IllegalArgumentException for PromQL that is more than a selector ({@code could not
   *     parse remaining input ...}), or a selector whose matchers all match the empty string
   */
  static List<Matcher[]> parse(List<String> selectors) {
    List<Matcher[]> sets = new ArrayList<>(selectors.size());
    boolean someEmpty = false;
    for (String s : selectors) {
      Expr e;
      try {
        e = Parser.parse(s);
      } catch (ParseException x) {
        if (!x.reason().equals(EMPTY_SELECTOR)) {
          throw x;
        }
        someEmpty = true;
        continue;
      }
      if (!(e instanceof VectorSelector vs) || vs.offsetMillis() != 0 || vs.at() != null) {
        throw new IllegalArgumentException(remainingInput(s));
      }
      sets.add(vs.matchers().toArray(Matcher[]::new));
    }
    if (someEmpty) {
      throw new IllegalArgumentException("match[] must contain at least one non-empty matcher");
    }
    for (Matcher[] set : sets) {
      boolean nonEmpty = false;
      for (Matcher m : set) {
        nonEmpty |= !m.matchesEmpty();
      }
      if (!nonEmpty) {
        throw new IllegalArgumentException("match[] must contain at least one non-empty matcher");
      }
    }
    return sets;
  }

  /**
   * The message for valid PromQL that goes on after a selector: the position and the first 15
   * characters of what follows a leading {@code name} and {@code {...}}, worded as Prometheus
   * worded it before its selector grammar moved into the generated parser (2.42 answers {@code
   * unexpected <token>} from its lexer, which this class does not have).
   */
  static String remainingInput(String s) {
    int i = skipSpace(s, 0);
    int nameEnd = i;
    while (nameEnd < s.length() && isNameChar(s.charAt(nameEnd), nameEnd == i)) {
      nameEnd++;
    }
    i = skipSpace(s, nameEnd);
    if (i < s.length() && s.charAt(i) == '{') {
      i = skipSpace(s, closingBrace(s, i) + 1);
    }
    if (i >= s.length()) {
      i = skipSpace(s, 0);
    }
    String rest = s.substring(i);
    if (rest.codePointCount(0, rest.length()) > 15) {
      rest = rest.substring(0, rest.offsetByCodePoints(0, 15));
    }
    return position(s, i)
        + ": parse error: could not parse remaining input "
        + GoQuote.quote(rest)
        + "...";
  }

  private static int closingBrace(String s, int open) {
    char quote = 0;
    for (int i = open + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote != '`') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '}') {
        return i;
      }
    }
    return s.length() - 1;
  }

  private static String position(String s, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (s.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return line + ":" + (offset - lineStart + 1);
  }

  private static int skipSpace(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isNameChar(char c, boolean first) {
    return c == '_'
        || c == ':'
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (!first && c >= '0' && c <= '9');
  }
}
