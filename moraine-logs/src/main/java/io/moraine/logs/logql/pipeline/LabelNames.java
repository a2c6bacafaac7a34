package io.moraine.logs.logql.pipeline;

/** Loki's sanitising of extracted label names. */
final class LabelNames {
  private LabelNames() {}

  /**
   * Trims spaces, replaces every character outside {@code [a-zA-Z0-9_]} with {@code _}, and (when
   * {@code first}) prefixes a leading digit with {@code _}.
   */
  static String sanitize(String key, boolean first) {
    String k = key.strip();
    if (k.isEmpty()) {
      return k;
    }
    StringBuilder sb = new StringBuilder(k.length() + 1);
    if (first && k.charAt(0) >= '0' && k.charAt(0) <= '9') {
      sb.append('_');
    }
    for (int i = 0; i < k.length(); ) {
      int cp = k.codePointAt(i);
      i += Character.charCount(cp);
      sb.append(valid(cp) ? (char) cp : '_');
    }
    return sb.toString();
  }

  private static boolean valid(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /** Whether a name is a valid Prometheus label name. */
  static boolean isValid(String name) {
    if (name.isEmpty() || (name.charAt(0) >= '0' && name.charAt(0) <= '9')) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!valid(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The name a parser sets: {@code name_extracted} when a stream label already has it. */
  static String deduplicated(String name, LabelState labels) {
    return labels.baseHas(name) ? name + LabelState.DUPLICATE_SUFFIX : name;
  }
}
