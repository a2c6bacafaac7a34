package io.moraine.logs.logql.template;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Go's view of template values: strings, int64 ({@link Long}), float64 ({@link Double}), bools,
 * times ({@link Instant}) and nil (null). Printing, truth, comparison and sprig's casts.
 */
final class GoValues {
  private static final DateTimeFormatter TIME_STRING =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private GoValues() {}

  /** fmt's {@code %v}. */
  static String print(@Nullable Object v) {
    return switch (v) {
      case null -> "<no value>";
      case String s -> s;
      case Double d -> formatFloat(d);
      case Instant t -> timeString(t);
      default -> v.toString();
    };
  }

  /** Go's {@code time.Time.String()} in UTC. */
  static String timeString(Instant t) {
    StringBuilder sb = new StringBuilder(TIME_STRING.format(t));
    int nanos = t.getNano();
    if (nanos != 0) {
      String frac = String.format("%09d", nanos);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(frac, 0, end);
    }
    return sb.append(" +0000 UTC").toString();
  }

  /** {@code strconv.FormatFloat(f, 'g', -1, 64)}, which fmt's {@code %v} uses. */
  static String formatFloat(double f) {
    if (Double.isNaN(f)) {
      return "NaN";
    }
    if (Double.isInfinite(f)) {
      return f > 0 ? "+Inf" : "-Inf";
    }
    if (f == 0) {
      return 1 / f < 0 ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(f))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int exp = digits.length() - 1 - bd.scale();
    String sign = f < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) { // strconv's shortest %g switches to %e at 1e+06
      return sign + mantissa(digits) + "e" + (exp < 0 ? "-" : "+") + pad2(Math.abs(exp));
    }
    return sign + bd.toPlainString();
  }

  private static String mantissa(String digits) {
    return digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
  }

  private static String pad2(int e) {
    return e < 10 ? "0" + e : Integer.toString(e);
  }

  /** text/template's truth: false, 0, nil and "" are false. */
  static boolean truth(@Nullable Object v) {
    return switch (v) {
      case null -> false;
      case Boolean b -> b;
      case String s -> !s.isEmpty();
      case Long l -> l != 0;
      case Double d -> d != 0;
      default -> true;
    };
  }

  /** {@code eq}/{@code ne}'s equality on basic kinds. */
  static boolean equal(@Nullable Object a, @Nullable Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.getClass() != b.getClass()) {
      throw new TemplateException("error calling eq: incompatible types for comparison");
    }
    return a.equals(b);
  }

  /** {@code lt}'s ordering: negative, zero or positive. */
  static int compare(@Nullable Object a, @Nullable Object b, String fn) {
    if (a == null || b == null || a.getClass() != b.getClass()) {
      throw new TemplateException("error calling " + fn + ": incompatible types for comparison");
    }
    return switch (a) {
      case String s -> s.compareTo((String) b);
      case Long l -> Long.compare(l, (Long) b);
      case Double d -> Double.compare(d, (Double) b);
      default ->
          throw new TemplateException("error calling " + fn + ": invalid type for comparison");
    };
  }

  /** sprig's {@code toInt64} (spf13/cast): unparsable strings are 0. */
  static long toInt(@Nullable Object v) {
    return switch (v) {
      case null -> 0;
      case Long l -> l;
      case Double d -> (long) d.doubleValue();
      case Boolean b -> b ? 1 : 0;
      case String s -> parseIntOrZero(s);
      default -> 0;
    };
  }

  private static long parseIntOrZero(String s) {
    try {
      String t = s.strip();
      if (t.startsWith("0x") || t.startsWith("0X")) {
        return Long.parseLong(t.substring(2), 16);
      }
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** sprig's {@code toFloat64}: unparsable strings are 0. */
  static double toFloat(@Nullable Object v) {
    return switch (v) {
      case null -> 0;
      case Long l -> l;
      case Double d -> d;
      case Boolean b -> b ? 1 : 0;
      case String s -> {
        try {
          yield io.moraine.logs.logql.units.GoFloat.parse(s);
        } catch (IllegalArgumentException e) {
          yield 0;
        }
      }
      default -> 0;
    };
  }

  /** A string parameter of a Go function: only strings are accepted. */
  static String str(@Nullable Object v, String fn) {
    if (v instanceof String s) {
      return s;
    }
    throw new TemplateException(
        "error calling " + fn + ": wrong type for value; expected string; got " + goType(v));
  }

  /** An int parameter of a Go function. */
  static int intArg(@Nullable Object v, String fn) {
    if (v instanceof Long l) {
      return (int) l.longValue();
    }
    throw new TemplateException(
        "error calling " + fn + ": wrong type for value; expected int; got " + goType(v));
  }

  static String goType(@Nullable Object v) {
    return switch (v) {
      case null -> "<nil>";
      case String s -> "string";
      case Long l -> "int64";
      case Double d -> "float64";
      case Boolean b -> "bool";
      case Instant t -> "time.Time";
      default -> v.getClass().getSimpleName();
    };
  }

  /** sprig's {@code empty} for {@code default}. */
  static boolean empty(@Nullable Object v) {
    return !truth(v);
  }
}
