package io.moraine.logs.logql.template;

import static io.moraine.logs.logql.template.GoValues.toFloat;
import static io.moraine.logs.logql.template.GoValues.toInt;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** sprig's arithmetic, Loki's unixToTime, and text/template's multi-argument eq. */
final class TemplateMath {
  private TemplateMath() {}

  static long intFold(@Nullable Object[] a, char op) {
    if (a.length == 0) {
      return 0;
    }
    long acc = toInt(a[0]);
    for (int i = 1; i < a.length; i++) {
      long v = toInt(a[i]);
      acc =
          switch (op) {
            case '+' -> acc + v;
            case '*' -> acc * v;
            case '>' -> Math.max(acc, v);
            default -> Math.min(acc, v);
          };
    }
    return acc;
  }

  static double floatFold(@Nullable Object[] a, char op) {
    if (a.length == 0) {
      return 0;
    }
    double acc = toFloat(a[0]);
    for (int i = 1; i < a.length; i++) {
      double v = toFloat(a[i]);
      acc =
          switch (op) {
            case '+' -> acc + v;
            case '-' -> acc - v;
            case '*' -> acc * v;
            case '/' -> acc / v;
            case '>' -> Math.max(acc, v);
            default -> Math.min(acc, v);
          };
    }
    return acc;
  }

  static long div(long a, long b, boolean mod) {
    if (b == 0) {
      throw new TemplateException(
          "error calling " + (mod ? "mod" : "div") + ": runtime error: integer divide by zero");
    }
    return mod ? a % b : a / b;
  }

  /** sprig's {@code round value precision [roundOn=.5]}. */
  static double round(@Nullable Object[] a) {
    if (a.length < 2) {
      throw new TemplateException("error calling round: wrong number of args: want at least 2");
    }
    double val = toFloat(a[0]);
    double pow = Math.pow(10, toInt(a[1]));
    double roundOn = a.length > 2 ? toFloat(a[2]) : 0.5;
    double digit = pow * val;
    double frac = digit - (long) digit;
    double r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
    return r / pow;
  }

  /** Loki's unixToTime: 5 digits are days, 10 seconds, 13 millis, 16 micros, 19 nanos. */
  static Instant unixToTime(String epoch) {
    long v;
    try {
      v = Long.parseLong(epoch);
    } catch (NumberFormatException e) {
      throw new TemplateException(
          "error calling unixToTime: unable to parse time '"
              + epoch
              + "': strconv.ParseInt: parsing \""
              + epoch
              + "\": invalid syntax");
    }
    return switch (epoch.length()) {
      case 5 -> Instant.ofEpochSecond(v * 86400);
      case 10 -> Instant.ofEpochSecond(v);
      case 13 -> TemplateFunctions.nanos(v * 1_000_000L);
      case 16 -> TemplateFunctions.nanos(v * 1_000L);
      case 19 -> TemplateFunctions.nanos(v);
      default ->
          throw new TemplateException(
              "error calling unixToTime: unable to parse time '" + epoch + "'");
    };
  }

  static boolean eq(@Nullable Object[] a) {
    if (a.length < 2) {
      throw new TemplateException("error calling eq: missing argument for comparison");
    }
    for (int i = 1; i < a.length; i++) {
      if (GoValues.equal(a[0], a[i])) {
        return true;
      }
    }
    return false;
  }
}
