package io.moraine.logs.logql.template;

import static io.moraine.logs.logql.template.GoValues.intArg;
import static io.moraine.logs.logql.template.GoValues.str;
import static io.moraine.logs.logql.template.GoValues.toFloat;
import static io.moraine.logs.logql.template.GoValues.toInt;

import io.moraine.logs.logql.units.GoDuration;
import io.moraine.logs.logql.units.HumanBytes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The function table: Loki 2.9's {@code line_format}/{@code label_format} functions (its own, the
 * sprig subset it registers, and text/template's builtins). One row per function: name, arity (-1
 * variadic) and implementation. Go's argument order is kept ({@code trimPrefix prefix s}).
 */
final class TemplateFunctions {
  interface Fn {
    @Nullable Object call(@Nullable Object[] a, Evaluation ev);
  }

  record Row(int arity, Fn fn) {}

  private static final Map<String, Row> TABLE = new HashMap<>();

  static {
    // Go strings functions, kept by Loki for compatibility.
    row("ToLower", 1, (a, ev) -> str(a[0], "ToLower").toLowerCase(Locale.ROOT));
    row("ToUpper", 1, (a, ev) -> str(a[0], "ToUpper").toUpperCase(Locale.ROOT));
    row(
        "Replace",
        4,
        (a, ev) -> GoStrings.replace(s(a, 0), s(a, 1), s(a, 2), intArg(a[3], "Replace")));
    row("Trim", 2, (a, ev) -> GoStrings.trim(s(a, 0), s(a, 1), true, true));
    row("TrimLeft", 2, (a, ev) -> GoStrings.trim(s(a, 0), s(a, 1), true, false));
    row("TrimRight", 2, (a, ev) -> GoStrings.trim(s(a, 0), s(a, 1), false, true));
    row("TrimPrefix", 2, (a, ev) -> GoStrings.trimPrefix(s(a, 0), s(a, 1)));
    row("TrimSuffix", 2, (a, ev) -> GoStrings.trimSuffix(s(a, 0), s(a, 1)));
    row("TrimSpace", 1, (a, ev) -> s(a, 0).strip());
    // sprig string functions
    row("lower", 1, (a, ev) -> s(a, 0).toLowerCase(Locale.ROOT));
    row("upper", 1, (a, ev) -> s(a, 0).toUpperCase(Locale.ROOT));
    row("title", 1, (a, ev) -> GoStrings.title(s(a, 0)));
    row("trunc", 2, (a, ev) -> GoStrings.trunc(intArg(a[0], "trunc"), s(a, 1)));
    row(
        "substr",
        3,
        (a, ev) -> GoStrings.substr(intArg(a[0], "substr"), intArg(a[1], "substr"), s(a, 2)));
    row("contains", 2, (a, ev) -> s(a, 1).contains(s(a, 0)));
    row("hasPrefix", 2, (a, ev) -> s(a, 1).startsWith(s(a, 0)));
    row("hasSuffix", 2, (a, ev) -> s(a, 1).endsWith(s(a, 0)));
    row("indent", 2, (a, ev) -> GoStrings.indent(intArg(a[0], "indent"), s(a, 1)));
    row("nindent", 2, (a, ev) -> "\n" + GoStrings.indent(intArg(a[0], "nindent"), s(a, 1)));
    row("replace", 3, (a, ev) -> s(a, 2).replace(s(a, 0), s(a, 1)));
    row("repeat", 2, (a, ev) -> s(a, 1).repeat(Math.max(0, intArg(a[0], "repeat"))));
    row("trim", 1, (a, ev) -> s(a, 0).strip());
    row("trimAll", 2, (a, ev) -> GoStrings.trim(s(a, 1), s(a, 0), true, true));
    row("trimSuffix", 2, (a, ev) -> GoStrings.trimSuffix(s(a, 1), s(a, 0)));
    row("trimPrefix", 2, (a, ev) -> GoStrings.trimPrefix(s(a, 1), s(a, 0)));
    row("b64enc", 1, (a, ev) -> java.util.Base64.getEncoder().encodeToString(utf8(s(a, 0))));
    row("b64dec", 1, (a, ev) -> GoStrings.b64dec(s(a, 0)));
    row(
        "urlencode",
        1,
        (a, ev) -> java.net.URLEncoder.encode(s(a, 0), java.nio.charset.StandardCharsets.UTF_8));
    row("urldecode", 1, (a, ev) -> GoStrings.urldecode(s(a, 0)));
    row("alignLeft", 2, (a, ev) -> GoStrings.align(intArg(a[0], "alignLeft"), s(a, 1), true));
    row("alignRight", 2, (a, ev) -> GoStrings.align(intArg(a[0], "alignRight"), s(a, 1), false));
    row("default", -1, (a, ev) -> def(a));
    // regular expressions
    row("regexReplaceAll", 3, (a, ev) -> ev.regex(s(a, 0)).replaceAll(s(a, 1), s(a, 2), false));
    row(
        "regexReplaceAllLiteral",
        3,
        (a, ev) -> ev.regex(s(a, 0)).replaceAll(s(a, 1), s(a, 2), true));
    row("count", 2, (a, ev) -> (long) ev.regex(s(a, 0)).count(s(a, 1)));
    // numbers (sprig: ints are int64, the f-variants float64)
    row("int", 1, (a, ev) -> toInt(a[0]));
    row("float64", 1, (a, ev) -> toFloat(a[0]));
    row("add", -1, (a, ev) -> TemplateMath.intFold(a, '+'));
    row("sub", 2, (a, ev) -> toInt(a[0]) - toInt(a[1]));
    row("mul", -1, (a, ev) -> TemplateMath.intFold(a, '*'));
    row("div", 2, (a, ev) -> TemplateMath.div(toInt(a[0]), toInt(a[1]), false));
    row("mod", 2, (a, ev) -> TemplateMath.div(toInt(a[0]), toInt(a[1]), true));
    row("max", -1, (a, ev) -> TemplateMath.intFold(a, '>'));
    row("min", -1, (a, ev) -> TemplateMath.intFold(a, '<'));
    row("addf", -1, (a, ev) -> TemplateMath.floatFold(a, '+'));
    row("subf", -1, (a, ev) -> TemplateMath.floatFold(a, '-'));
    row("mulf", -1, (a, ev) -> TemplateMath.floatFold(a, '*'));
    row("divf", -1, (a, ev) -> TemplateMath.floatFold(a, '/'));
    row("maxf", -1, (a, ev) -> TemplateMath.floatFold(a, '>'));
    row("minf", -1, (a, ev) -> TemplateMath.floatFold(a, '<'));
    row("ceil", 1, (a, ev) -> Math.ceil(toFloat(a[0])));
    row("floor", 1, (a, ev) -> Math.floor(toFloat(a[0])));
    row("round", -1, (a, ev) -> TemplateMath.round(a));
    row("bytes", 1, (a, ev) -> (double) HumanBytes.parse(s(a, 0)));
    row("duration", 1, (a, ev) -> GoDuration.parseNanos(s(a, 0)) / 1e9);
    row("duration_seconds", 1, (a, ev) -> GoDuration.parseNanos(s(a, 0)) / 1e9);
    // time
    row("now", 0, (a, ev) -> Instant.ofEpochMilli(ev.data().nowMillis()));
    row("__timestamp__", 0, (a, ev) -> nanos(ev.data().timestampNanos()));
    row("__line__", 0, (a, ev) -> ev.data().line());
    row("date", 2, (a, ev) -> GoTimeLayout.format(s(a, 0), time(a[1], "date"), ZoneOffset.UTC));
    row("toDate", 2, (a, ev) -> toDate(s(a, 0), s(a, 1), ZoneOffset.UTC));
    row("toDateInZone", 3, (a, ev) -> toDate(s(a, 0), s(a, 2), zone(s(a, 1))));
    row("unixEpoch", 1, (a, ev) -> Long.toString(time(a[0], "unixEpoch").getEpochSecond()));
    row(
        "unixEpochMillis",
        1,
        (a, ev) -> Long.toString(time(a[0], "unixEpochMillis").toEpochMilli()));
    row("unixEpochNanos", 1, (a, ev) -> Long.toString(epochNanos(time(a[0], "unixEpochNanos"))));
    row("unixToTime", 1, (a, ev) -> TemplateMath.unixToTime(s(a, 0)));
    // text/template builtins (and/or are handled lazily by the evaluator)
    row("not", 1, (a, ev) -> !GoValues.truth(a[0]));
    row("eq", -1, (a, ev) -> TemplateMath.eq(a));
    row("ne", 2, (a, ev) -> !GoValues.equal(a[0], a[1]));
    row("lt", 2, (a, ev) -> GoValues.compare(a[0], a[1], "lt") < 0);
    row("le", 2, (a, ev) -> GoValues.compare(a[0], a[1], "le") <= 0);
    row("gt", 2, (a, ev) -> GoValues.compare(a[0], a[1], "gt") > 0);
    row("ge", 2, (a, ev) -> GoValues.compare(a[0], a[1], "ge") >= 0);
    row("len", 1, (a, ev) -> (long) utf8(s(a, 0)).length);
    row("print", -1, (a, ev) -> GoPrintf.print(a));
    row("println", -1, (a, ev) -> GoPrintf.println(a));
    row("printf", -1, (a, ev) -> GoPrintf.printf(a));
    row("and", -1, (a, ev) -> a[a.length - 1]);
    row("or", -1, (a, ev) -> a[a.length - 1]);
  }

  private TemplateFunctions() {}

  private static void row(String name, int arity, Fn fn) {
    TABLE.put(name, new Row(arity, fn));
  }

  static boolean exists(String name) {
    return TABLE.containsKey(name);
  }

  static Row get(String name) {
    Row r = TABLE.get(name);
    if (r == null) {
      throw new TemplateException("template: function \"" + name + "\" not defined");
    }
    return r;
  }

  private static String s(@Nullable Object[] a, int i) {
    return str(a[i], "function");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static @Nullable Object def(@Nullable Object[] a) {
    if (a.length == 0) {
      throw new TemplateException("error calling default: wrong number of args: want at least 1");
    }
    if (a.length < 2 || GoValues.empty(a[1])) {
      return a[0];
    }
    return a[1];
  }

  static Instant nanos(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }

  static long epochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static Instant time(@Nullable Object v, String fn) {
    return switch (v) {
      case Instant t -> t;
      case Long l -> Instant.ofEpochSecond(l);
      default ->
          throw new TemplateException(
              "error calling "
                  + fn
                  + ": wrong type for value; expected time.Time; got "
                  + GoValues.goType(v));
    };
  }

  private static Instant toDate(String layout, String value, ZoneId zone) {
    try {
      return GoTimeLayout.parse(layout, value, zone);
    } catch (TemplateException e) {
      return Instant.parse("0001-01-01T00:00:00Z"); // sprig's toDate ignores the error: zero time
    }
  }

  private static ZoneId zone(String name) {
    try {
      return ZoneId.of(name);
    } catch (java.time.DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }
}
