package io.moraine.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small parser of the Prometheus text format (0.0.4) for the parity test: families with their
 * TYPE and HELP, and each family's series keyed by a canonical text (sample name and labels sorted
 * by name, values escaped). Handles label and HELP escapes, a trailing comma in a label set,
 * optional timestamps, and Go's float spellings ({@code 1.2e+06}, {@code +Inf}, {@code NaN}).
 * Samples without a TYPE line form an {@code untyped} family of their own name. Not thread-safe.
 */
final class Exposition {
  /** One family: its TYPE ({@code untyped} when none was given), HELP and series. */
  record Family(String name, String type, String help, Map<String, Double> series) {}

  private final Map<String, Family> families = new LinkedHashMap<>();
  private final Map<String, String> types = new TreeMap<>();
  private final Map<String, String> helps = new TreeMap<>();
  private int lineNo;

  private Exposition() {}

  /**
   * Parses a whole exposition.
   *
   * @throws IllegalArgumentException naming the line and what was wrong with it
   */
  static Map<String, Family> parse(String text) {
    Exposition p = new Exposition();
    for (String line : text.split("\n", -1)) {
      p.lineNo++;
      p.line(line);
    }
    return p.families;
  }

  private void line(String line) {
    if (line.isBlank()) {
      return;
    }
    if (line.startsWith("#")) {
      comment(line);
      return;
    }
    sample(line);
  }

  private void comment(String line) {
    String[] parts = line.split(" ", 4);
    if (parts.length < 3 || !parts[0].equals("#")) {
      return;
    }
    if (parts[1].equals("TYPE")) {
      types.put(parts[2], parts.length > 3 ? parts[3].strip() : "untyped");
    } else if (parts[1].equals("HELP")) {
      helps.put(parts[2], parts.length > 3 ? unescapeHelp(parts[3]) : "");
    }
  }

  private void sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    if (name.isEmpty()) {
      throw bad("a sample without a metric name");
    }
    StringBuilder key = new StringBuilder(name);
    if (i < line.length() && line.charAt(i) == '{') {
      i = labels(line, i + 1, key);
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    if (rest.length < 1 || rest[0].isEmpty() || rest.length > 2) {
      throw bad("expected a value and an optional timestamp after " + key);
    }
    double value = number(rest[0]);
    family(name)
        .series()
        .merge(
            key.toString(),
            value,
            (a, b) -> {
              throw bad("series " + key + " given twice");
            });
  }

  /**
   * Reads the label set after '{', appends it sorted to {@code key}; returns the index after '}'.
   */
  private int labels(String line, int from, StringBuilder key) {
    Map<String, String> labels = new TreeMap<>();
    int i = from;
    while (true) {
      while (i < line.length() && line.charAt(i) == ' ') {
        i++;
      }
      if (i < line.length() && line.charAt(i) == '}') {
        break;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        throw bad("expected name=\"value\" in the label set at column " + (i + 1));
      }
      String label = line.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      i = eq + 2;
      for (; ; i++) {
        if (i >= line.length()) {
          throw bad("unterminated value of label " + label);
        }
        char c = line.charAt(i);
        if (c == '"') {
          break;
        }
        if (c == '\\' && i + 1 < line.length()) {
          char n = line.charAt(++i);
          value.append(n == 'n' ? '\n' : n);
        } else {
          value.append(c);
        }
      }
      if (labels.put(label, value.toString()) != null) {
        throw bad("label " + label + " given twice");
      }
      i++;
      if (i < line.length() && line.charAt(i) == ',') {
        i++;
      }
    }
    if (labels.isEmpty()) {
      return i + 1; // "a{}" is the series "a"
    }
    key.append('{');
    String sep = "";
    for (Map.Entry<String, String> e : labels.entrySet()) {
      key.append(sep).append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
      sep = ",";
    }
    key.append('}');
    return i + 1;
  }

  private Family family(String sampleName) {
    String name = sampleName;
    if (!types.containsKey(name)) {
      for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
        String base = sampleName.substring(0, Math.max(0, sampleName.length() - suffix.length()));
        if (sampleName.endsWith(suffix) && types.containsKey(base)) {
          name = base;
          break;
        }
      }
    }
    String fname = name;
    return families.computeIfAbsent(
        name,
        n ->
            new Family(
                fname,
                types.getOrDefault(n, "untyped"),
                helps.getOrDefault(n, ""),
                new TreeMap<>()));
  }

  private double number(String s) {
    return switch (s) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw bad("not a number: \"" + s + "\"");
        }
      }
    };
  }

  private static String unescapeHelp(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        out.append(n == 'n' ? '\n' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private IllegalArgumentException bad(String what) {
    return new IllegalArgumentException("exposition line " + lineNo + ": " + what);
  }
}
