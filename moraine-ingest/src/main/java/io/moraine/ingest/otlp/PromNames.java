package io.moraine.ingest.otlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prometheus names for OTLP metrics and attributes, by the rules of Prometheus' OTLP translator
 * ({@code storage/remote/otlptranslator/prometheus}, copied from the collector-contrib {@code
 * translator/prometheus} of mid-2023) with suffixes on:
 *
 * <ul>
 *   <li>a metric name is cut into tokens at every character that is not an ASCII letter or digit;
 *       the UCUM unit adds its Prometheus word ({@code s} → {@code seconds}, {@code By} → {@code
 *       bytes}, unknown units cleaned as they are) unless a token already is that word; units in
 *       {@code {braces}} add nothing; {@code x/y} adds {@code x} and {@code per_y}; a monotonic sum
 *       ends in one {@code total}, a gauge of unit {@code 1} in one {@code ratio}; tokens are
 *       joined by {@code _}, and a leading digit gets a {@code _} before it;
 *   <li>an attribute key has every character other than an ASCII letter or digit replaced by {@code
 *       _}; a leading digit gets {@code key_} before it, a single leading {@code _} gets {@code
 *       key} (a leading {@code __} is kept).
 * </ul>
 *
 * <p>Unlike the Go translator, which keeps non-ASCII letters (and then has Prometheus drop the
 * series for its invalid labels), non-ASCII letters are replaced like any other character, so such
 * series are stored. Stateless and thread-safe.
 */
final class PromNames {
  private static final Map<String, String> UNITS =
      Map.ofEntries(
          Map.entry("d", "days"),
          Map.entry("h", "hours"),
          Map.entry("min", "minutes"),
          Map.entry("s", "seconds"),
          Map.entry("ms", "milliseconds"),
          Map.entry("us", "microseconds"),
          Map.entry("ns", "nanoseconds"),
          Map.entry("By", "bytes"),
          Map.entry("KiBy", "kibibytes"),
          Map.entry("MiBy", "mebibytes"),
          Map.entry("GiBy", "gibibytes"),
          Map.entry("TiBy", "tibibytes"),
          Map.entry("KBy", "kilobytes"),
          Map.entry("MBy", "megabytes"),
          Map.entry("GBy", "gigabytes"),
          Map.entry("TBy", "terabytes"),
          Map.entry("B", "bytes"),
          Map.entry("KB", "kilobytes"),
          Map.entry("MB", "megabytes"),
          Map.entry("GB", "gigabytes"),
          Map.entry("TB", "terabytes"),
          Map.entry("m", "meters"),
          Map.entry("V", "volts"),
          Map.entry("A", "amperes"),
          Map.entry("J", "joules"),
          Map.entry("W", "watts"),
          Map.entry("g", "grams"),
          Map.entry("Cel", "celsius"),
          Map.entry("Hz", "hertz"),
          Map.entry("1", ""),
          Map.entry("%", "percent"),
          Map.entry("$", "dollars"));

  private static final Map<String, String> PER_UNITS =
      Map.of(
          "s", "second", "m", "minute", "h", "hour", "d", "day", "w", "week", "mo", "month", "y",
          "year");

  private PromNames() {}

  /**
   * The Prometheus name of a metric.
   *
   * @param monotonicSum whether the metric is a monotonic sum (a counter)
   * @param gauge whether the metric is a gauge
   */
  static String metricName(String name, String unit, boolean monotonicSum, boolean gauge) {
    List<String> tokens = tokens(name);
    int slash = unit.indexOf('/');
    String main = (slash < 0 ? unit : unit.substring(0, slash)).strip();
    if (!main.isEmpty() && !hasBraces(main)) {
      String word = String.join("_", tokens(UNITS.getOrDefault(main, main)));
      if (!word.isEmpty() && !tokens.contains(word)) {
        tokens.add(word);
      }
    }
    if (slash >= 0) {
      String per = unit.substring(slash + 1).strip();
      if (!per.isEmpty() && !hasBraces(per)) {
        String word = String.join("_", tokens(PER_UNITS.getOrDefault(per, per)));
        if (!word.isEmpty() && !tokens.contains(word)) {
          tokens.add("per");
          tokens.add(word);
        }
      }
    }
    if (monotonicSum) {
      moveToEnd(tokens, "total");
    }
    if (gauge && unit.equals("1")) {
      moveToEnd(tokens, "ratio");
    }
    String joined = String.join("_", tokens);
    return !joined.isEmpty() && isDigit(joined.charAt(0)) ? "_" + joined : joined;
  }

  /** The Prometheus name of an attribute key. */
  static String labelName(String key) {
    if (key.isEmpty()) {
      return key;
    }
    StringBuilder sb = null;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!isAlnum(c)) {
        if (sb == null) {
          sb = new StringBuilder(key);
        }
        sb.setCharAt(i, '_');
      }
    }
    String s = sb == null ? key : sb.toString();
    if (isDigit(s.charAt(0))) {
      return "key_" + s;
    }
    if (s.charAt(0) == '_' && !s.startsWith("__")) {
      return "key" + s;
    }
    return s;
  }

  private static void moveToEnd(List<String> tokens, String word) {
    tokens.removeIf(word::equals);
    tokens.add(word);
  }

  private static boolean hasBraces(String s) {
    return s.indexOf('{') >= 0 || s.indexOf('}') >= 0;
  }

  /** The runs of ASCII letters and digits in {@code s}. */
  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= s.length(); i++) {
      boolean alnum = i < s.length() && isAlnum(s.charAt(i));
      if (alnum && start < 0) {
        start = i;
      } else if (!alnum && start >= 0) {
        out.add(s.substring(start, i));
        start = -1;
      }
    }
    return out;
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
