package io.moraine.rules.template;

import io.moraine.core.time.Durations;
import io.moraine.promql.parser.GoNumbers;
import io.moraine.promql.parser.GoText;
import io.moraine.rules.template.Func.Param;
import io.moraine.rules.template.Values.GoMap;
import io.moraine.rules.template.Values.GoTime;
import io.moraine.rules.template.Values.Html;
import io.moraine.rules.template.Values.QueryResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Prometheus 2.42's template functions ({@code template/template.go}).
 *
 * <table>
 * <caption>Prometheus functions</caption>
 * <tr><td>query</td><td>string</td><td>instant query at the evaluation time: samples</td></tr>
 * <tr><td>first, label, value, strvalue</td><td>samples, sample</td><td>sample accessors</td></tr>
 * <tr><td>sortByLabel</td><td>string samples</td><td>stable sort by a label's value</td></tr>
 * <tr><td>humanize, humanize1024</td><td>number</td><td>SI / binary prefixes, 4 digits</td></tr>
 * <tr><td>humanizeDuration, humanizePercentage, humanizeTimestamp</td><td>number</td><td>"1d 2h 3m 4s", "12.5%", a UTC time</td></tr>
 * <tr><td>toTime</td><td>number</td><td>seconds since the epoch as a time</td></tr>
 * <tr><td>title, toUpper, toLower</td><td>string</td><td>case changes</td></tr>
 * <tr><td>match, reReplaceAll</td><td>regexp ...</td><td>regular expressions, $1 expansion</td></tr>
 * <tr><td>safeHtml</td><td>string</td><td>marks a string as HTML</td></tr>
 * <tr><td>stripPort, stripDomain</td><td>string</td><td>host:port surgery</td></tr>
 * <tr><td>graphLink, tableLink</td><td>string</td><td>links to the expression browser</td></tr>
 * <tr><td>args</td><td>any...</td><td>map arg0, arg1, ...</td></tr>
 * <tr><td>externalURL, pathPrefix</td><td></td><td>the external URL and its path</td></tr>
 * <tr><td>parseDuration</td><td>string</td><td>a Prometheus duration in seconds</td></tr>
 * </table>
 */
final class PromFuncs {
  private PromFuncs() {}

  private static final String[] SI_BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
  private static final String[] SI_SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};
  private static final String[] BINARY = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

  static List<Func> all() {
    return List.of(
        Func.of("query", (a, e) -> query(a.string(0), e), Param.STRING),
        Func.of("first", (a, e) -> first((QueryResult) a.get(0)), Param.RESULT),
        Func.of(
            "label",
            (a, e) -> sample(a.get(1)).labels().getOrDefault(a.string(0), ""),
            Param.STRING,
            Param.SAMPLE),
        Func.of("value", (a, e) -> sample(a.get(0)).value(), Param.SAMPLE),
        Func.of(
            "strvalue",
            (a, e) -> sample(a.get(0)).labels().getOrDefault("__value__", ""),
            Param.SAMPLE),
        Func.variadic("args", (a, e) -> args(a.list()), Param.ANY),
        Func.of(
            "reReplaceAll",
            (a, e) -> GoRegexp.replaceAll(a.string(0), a.string(1), a.string(2)),
            Param.STRING,
            Param.STRING,
            Param.STRING),
        Func.of("safeHtml", (a, e) -> new Html(a.string(0)), Param.STRING),
        Func.of(
            "match",
            (a, e) -> GoRegexp.compile(a.string(0)).matcher(a.string(1)).find(),
            Param.STRING,
            Param.STRING),
        Func.of("title", (a, e) -> title(a.string(0)), Param.STRING),
        Func.of("toUpper", (a, e) -> (a.string(0)).toUpperCase(Locale.ROOT), Param.STRING),
        Func.of("toLower", (a, e) -> (a.string(0)).toLowerCase(Locale.ROOT), Param.STRING),
        Func.of("graphLink", (a, e) -> link(a.string(0), 0), Param.STRING),
        Func.of("tableLink", (a, e) -> link(a.string(0), 1), Param.STRING),
        Func.of(
            "sortByLabel",
            (a, e) -> sortByLabel(a.string(0), (QueryResult) a.get(1)),
            Param.STRING,
            Param.RESULT),
        Func.of("stripPort", (a, e) -> HostPort.stripPort(a.string(0)), Param.STRING),
        Func.of("stripDomain", (a, e) -> HostPort.stripDomain(a.string(0)), Param.STRING),
        Func.of("humanize", (a, e) -> humanize(toFloat(a.get(0))), Param.ANY),
        Func.of("humanize1024", (a, e) -> humanize1024(toFloat(a.get(0))), Param.ANY),
        Func.of("humanizeDuration", (a, e) -> humanizeDuration(toFloat(a.get(0))), Param.ANY),
        Func.of(
            "humanizePercentage",
            (a, e) -> GoFmt.formatFloat(toFloat(a.get(0)) * 100, 'g', 4) + "%",
            Param.ANY),
        Func.of("humanizeTimestamp", (a, e) -> humanizeTimestamp(toFloat(a.get(0))), Param.ANY),
        Func.of("toTime", (a, e) -> toTime(toFloat(a.get(0))), Param.ANY),
        Func.of("pathPrefix", (a, e) -> pathPrefix(e.data().externalUrl())),
        Func.of("externalURL", (a, e) -> e.data().externalUrl()),
        Func.of("parseDuration", (a, e) -> parseDuration(a.string(0)), Param.STRING));
  }

  private static QueryResult query(String q, Func.Env env) throws Exception {
    TemplateData d = env.data();
    return new QueryResult(List.copyOf(d.query().query(q, d.timeMillis())));
  }

  private static QuerySample first(@Nullable QueryResult r) {
    if (r == null || r.samples().isEmpty()) {
      throw new IllegalArgumentException("first() called on vector with no elements");
    }
    return r.samples().get(0);
  }

  private static QuerySample sample(@Nullable Object s) {
    if (s == null) {
      throw new IllegalStateException(
          "runtime error: invalid memory address or nil pointer dereference");
    }
    return (QuerySample) s;
  }

  private static GoMap args(List<@Nullable Object> a) {
    TreeMap<String, @Nullable Object> m = new TreeMap<>();
    for (int i = 0; i < a.size(); i++) {
      m.put("arg" + i, a.get(i));
    }
    return new GoMap(m, true);
  }

  private static QueryResult sortByLabel(String label, @Nullable QueryResult r) {
    if (r == null) {
      return new QueryResult(List.of());
    }
    List<QuerySample> sorted = new ArrayList<>(r.samples());
    sorted.sort(Comparator.comparing(s -> s.labels().getOrDefault(label, "")));
    return new QueryResult(sorted);
  }

  private static String link(String expr, int tab) {
    return "/graph?g0.expr=" + Escapes.queryEscape(expr) + "&g0.tab=" + tab;
  }

  /** Prometheus's {@code convertToFloat}: float64, numeric string or int. */
  static double toFloat(@Nullable Object v) {
    return switch (v) {
      case Double d -> d;
      case Long l -> (double) l;
      case String s -> {
        OptionalDouble d = GoNumbers.parseFloat(s);
        if (d.isEmpty()) {
          throw new IllegalArgumentException(
              "strconv.ParseFloat: parsing " + GoText.quote(s) + ": invalid syntax");
        }
        yield d.getAsDouble();
      }
      default ->
          throw new IllegalArgumentException("can't convert " + Values.typeName(v) + " to float");
    };
  }

  private static String g4(double v) {
    return GoFmt.formatFloat(v, 'g', 4);
  }

  static String humanize(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v);
    }
    String prefix = "";
    if (Math.abs(v) >= 1) {
      for (String p : SI_BIG) {
        if (Math.abs(v) < 1000) {
          break;
        }
        prefix = p;
        v /= 1000;
      }
      return g4(v) + prefix;
    }
    for (String p : SI_SMALL) {
      if (Math.abs(v) >= 1) {
        break;
      }
      prefix = p;
      v *= 1000;
    }
    return g4(v) + prefix;
  }

  static String humanize1024(double v) {
    if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v);
    }
    String prefix = "";
    for (String p : BINARY) {
      if (Math.abs(v) < 1024) {
        break;
      }
      prefix = p;
      v /= 1024;
    }
    return g4(v) + prefix;
  }

  static String humanizeDuration(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v);
    }
    if (v == 0) {
      return g4(v) + "s";
    }
    if (Math.abs(v) >= 1) {
      String sign = v < 0 ? "-" : "";
      v = Math.abs(v);
      long d = (long) v;
      long seconds = d % 60;
      long minutes = (d / 60) % 60;
      long hours = (d / 3600) % 24;
      long days = d / 86400;
      if (days != 0) {
        return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
      }
      if (hours != 0) {
        return sign + hours + "h " + minutes + "m " + seconds + "s";
      }
      if (minutes != 0) {
        return sign + minutes + "m " + seconds + "s";
      }
      return sign + g4(v) + "s";
    }
    String prefix = "";
    for (String p : SI_SMALL) {
      if (Math.abs(v) >= 1) {
        break;
      }
      prefix = p;
      v *= 1000;
    }
    return g4(v) + prefix + "s";
  }

  private static String humanizeTimestamp(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v);
    }
    return toTime(v).toString();
  }

  /** Seconds since the epoch as a time, to the millisecond, as Prometheus's floatToTime. */
  static GoTime toTime(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("value is NaN or Inf");
    }
    double nanos = v * 1e9;
    if (nanos > 0x1p63 || nanos < -0x1p63) {
      throw new IllegalArgumentException(
          GoText.formatFloat(v)
              + " cannot be represented as a nanoseconds timestamp since it overflows int64");
    }
    return new GoTime((long) nanos / 1_000_000);
  }

  private static String pathPrefix(String url) {
    try {
      String p = URI.create(url).getPath();
      return p == null ? "" : p;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static double parseDuration(String s) {
    return Durations.parseMillis(s) / 1000.0;
  }

  /** Go's {@code strings.Title}: upper-cases the first letter of each word. */
  static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    int prev = ' ';
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      sb.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(c) : c);
      prev = c;
    }
    return sb.toString();
  }

  private static boolean isSeparator(int c) {
    if (c <= 0x7f) {
      return !(Character.isLetterOrDigit(c) || c == '_');
    }
    if (Character.isLetterOrDigit(c)) {
      return false;
    }
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
