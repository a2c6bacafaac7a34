package io.moraine.logs.logql.template;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** fmt's {@code Sprint}, {@code Sprintln} and {@code Sprintf} for the verbs templates use. */
final class GoPrintf {
  private GoPrintf() {}

  static String print(@Nullable Object[] a) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < a.length; i++) {
      // Sprint adds spaces between operands when neither is a string
      if (i > 0 && !(a[i] instanceof String) && !(a[i - 1] instanceof String)) {
        sb.append(' ');
      }
      sb.append(GoValues.print(a[i]));
    }
    return sb.toString();
  }

  static String println(@Nullable Object[] a) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < a.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(GoValues.print(a[i]));
    }
    return sb.append('\n').toString();
  }

  /** Sprintf: flags, width and precision pass to Java's formatter; %v, %s, %d, %f, %q... */
  static String printf(@Nullable Object[] a) {
    if (a.length == 0) {
      throw new TemplateException("error calling printf: wrong number of args: want at least 1");
    }
    String f = GoValues.str(a[0], "printf");
    StringBuilder sb = new StringBuilder();
    int arg = 1;
    int i = 0;
    while (i < f.length()) {
      char c = f.charAt(i++);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      int specStart = i;
      while (i < f.length() && "+-# 0123456789.".indexOf(f.charAt(i)) >= 0) {
        i++;
      }
      if (i >= f.length()) {
        sb.append("%!(NOVERB)");
        break;
      }
      String spec = f.substring(specStart, i);
      char verb = f.charAt(i++);
      if (verb == '%') {
        sb.append('%');
        continue;
      }
      if (arg >= a.length) {
        sb.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      sb.append(verb(spec, verb, a[arg++]));
    }
    if (arg < a.length) {
      sb.append("%!(EXTRA ");
      for (int k = arg; k < a.length; k++) {
        sb.append(k > arg ? ", " : "").append(GoValues.goType(a[k])).append('=');
        sb.append(GoValues.print(a[k]));
      }
      sb.append(')');
    }
    return sb.toString();
  }

  private static String verb(String spec, char verb, @Nullable Object v) {
    switch (verb) {
      case 'v', 's' -> {
        return String.format(Locale.ROOT, "%" + spec.replace("0", "") + "s", GoValues.print(v));
      }
      case 'q' -> {
        return '"' + GoValues.print(v).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
      }
      case 'd' -> {
        if (v instanceof Long l) {
          return String.format(Locale.ROOT, "%" + spec + "d", l);
        }
      }
      case 'x', 'X' -> {
        if (v instanceof Long l) {
          return String.format(Locale.ROOT, "%" + spec + verb, l);
        }
        if (v instanceof String s) {
          StringBuilder hex = new StringBuilder();
          for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hex.append(String.format(Locale.ROOT, verb == 'x' ? "%02x" : "%02X", b));
          }
          return hex.toString();
        }
      }
      case 'f', 'F', 'e', 'E', 'g', 'G' -> {
        if (v instanceof Double d) {
          return String.format(Locale.ROOT, "%" + spec + Character.toLowerCase(verb), d);
        }
      }
      case 't' -> {
        if (v instanceof Boolean b) {
          return b.toString();
        }
      }
      default -> {}
    }
    return "%!" + verb + "(" + GoValues.goType(v) + "=" + GoValues.print(v) + ")";
  }
}
