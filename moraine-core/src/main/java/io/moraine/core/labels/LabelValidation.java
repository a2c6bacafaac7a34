package io.moraine.core.labels;

/**
 * Prometheus' rules for label sets: names match {@code [a-zA-Z_][a-zA-Z0-9_]*}, the metric name
 * matches {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, values are valid UTF-16 (and so valid UTF-8 once
 * encoded: no unpaired surrogates), a metric name is present.
 */
public final class LabelValidation {
  private LabelValidation() {}

  /**
   * Checks a label set before it is stored.
   *
   * @throws InvalidLabelsException naming the first offending label
   */
  public static void validate(Labels labels) {
    if (labels.get(Labels.METRIC_NAME) == null) {
      throw new InvalidLabelsException("series has no metric name (__name__): " + labels);
    }
    for (int i = 0; i < labels.size(); i++) {
      String name = labels.name(i);
      String value = labels.value(i);
      if (name.equals(Labels.METRIC_NAME)) {
        if (!isValidMetricName(value)) {
          throw new InvalidLabelsException("invalid metric name " + quote(value));
        }
      } else if (!isValidLabelName(name)) {
        throw new InvalidLabelsException("invalid label name " + quote(name) + " in " + labels);
      }
      if (!isValidUtf16(value)) {
        throw new InvalidLabelsException(
            "label " + name + " has a value that is not valid UTF-8 in " + labels);
      }
    }
  }

  public static boolean isValidLabelName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  public static boolean isValidMetricName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || c == ':'
              || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** True when every surrogate is paired (the string encodes to well-formed UTF-8). */
  public static boolean isValidUtf16(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static String quote(String s) {
    return '"' + s.replace("\"", "\\\"") + '"';
  }
}
