package io.moraine.ingest.relabel;

import io.moraine.core.labels.Labels;

/**
 * {@code lowercase} and {@code uppercase}: sets the target to the source value with each code point
 * mapped on its own (Go's {@code strings.ToLower}/{@code ToUpper}: simple case mappings, so {@code
 * ß} stays {@code ß} and {@code İ} lowers to {@code i}). An empty value deletes the target.
 */
record CaseStep(Source source, String target, boolean upper) implements Step {
  @Override
  public Labels apply(Labels in) {
    return LabelEdits.set(in, target, map(source.value(in), upper));
  }

  static String map(String s, boolean upper) {
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if ((upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp)) != cp) {
        break;
      }
      i += Character.charCount(cp);
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length()).append(s, 0, i);
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      sb.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp));
      i += Character.charCount(cp);
    }
    return sb.toString();
  }
}
