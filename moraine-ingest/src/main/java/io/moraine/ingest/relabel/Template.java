package io.moraine.ingest.relabel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import org.jspecify.annotations.Nullable;

/**
 * A replacement template as Go's {@code Regexp.Expand} reads it, resolved once against one regex's
 * groups. Immutable and thread-safe.
 *
 * <p>Rules: {@code $$} is a literal {@code $}; {@code $name} takes the longest run of Unicode
 * letters, digits and {@code _} as the name, {@code ${name}} the text between the braces; a name
 * that is all ASCII digits (below 10^8, no leading zero) is a group number, any other name a group
 * name; an unknown or non-participating group expands to ""; a {@code $} followed by no valid name
 * (or an unclosed brace) is copied literally.
 */
final class Template {
  /** Literal text, or the groups to try in order (the first one that participated wins). */
  private sealed interface Part permits Text, Ref {}

  private record Text(String text) implements Part {}

  private record Ref(int[] groups) implements Part {}

  private final String source;
  private final Part[] parts;

  private Template(String source, Part[] parts) {
    this.source = source;
    this.parts = parts;
  }

  static Template compile(String template, GoRegex regex) {
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$') {
        text.append(c);
        i++;
        continue;
      }
      if (i + 1 < template.length() && template.charAt(i + 1) == '$') {
        text.append('$');
        i += 2;
        continue;
      }
      boolean brace = i + 1 < template.length() && template.charAt(i + 1) == '{';
      int start = brace ? i + 2 : i + 1;
      int end = nameEnd(template, start);
      boolean ok =
          end > start && (!brace || end < template.length() && template.charAt(end) == '}');
      if (!ok) {
        text.append('$'); // malformed: the '$' is text, scanning resumes right after it
        i++;
        continue;
      }
      if (!text.isEmpty()) {
        parts.add(new Text(text.toString()));
        text.setLength(0);
      }
      int[] groups = resolve(template.substring(start, end), regex);
      if (groups.length > 0) {
        parts.add(new Ref(groups));
      }
      i = brace ? end + 1 : end;
    }
    if (!text.isEmpty()) {
      parts.add(new Text(text.toString()));
    }
    return new Template(template, parts.toArray(Part[]::new));
  }

  private static int nameEnd(String s, int from) {
    int j = from;
    while (j < s.length()) {
      int cp = s.codePointAt(j);
      if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
        break;
      }
      j += Character.charCount(cp);
    }
    return j;
  }

  /** The groups a name refers to; empty when none exists (the reference expands to ""). */
  private static int[] resolve(String name, GoRegex regex) {
    int num = groupNumber(name);
    if (num >= 0) {
      return num <= regex.groupCount() ? new int[] {num} : new int[0];
    }
    List<Integer> found = new ArrayList<>();
    for (int g = 1; g <= regex.groupCount(); g++) {
      if (regex.groupName(g).equals(name)) {
        found.add(g);
      }
    }
    return found.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Go's rule: ASCII digits only, below 10^8 before the last digit, no leading zero; else -1. */
  private static int groupNumber(String name) {
    int num = 0;
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      if (c < '0' || c > '9' || num >= 100_000_000) {
        return -1;
      }
      num = num * 10 + (c - '0');
    }
    if (name.charAt(0) == '0' && name.length() > 1) {
      return -1;
    }
    return num;
  }

  /** The template as written. */
  String source() {
    return source;
  }

  /** The text when the template has no group references, else null. */
  @Nullable String constant() {
    if (parts.length == 0) {
      return "";
    }
    return parts.length == 1 && parts[0] instanceof Text(String t) ? t : null;
  }

  /** Whether the template is exactly one reference to group {@code g} and nothing else. */
  boolean isOnlyGroup(int g) {
    return parts.length == 1 && parts[0] instanceof Ref(int[] gs) && gs.length == 1 && gs[0] == g;
  }

  /**
   * Expands against a match of {@code input}; with {@code match} null, groups 0 and 1 are the whole
   * input and no other group participated (the shape of {@code (.*)} matching).
   */
  String expand(String input, @Nullable MatchResult match) {
    String constant = constant();
    if (constant != null) {
      return constant;
    }
    if (parts.length == 1 && parts[0] instanceof Ref(int[] groups)) {
      return group(input, match, groups); // "$1": a substring, the input itself for a whole match
    }
    StringBuilder sb = new StringBuilder(source.length() + input.length());
    for (Part p : parts) {
      switch (p) {
        case Text(String t) -> sb.append(t);
        case Ref(int[] groups) -> appendGroup(sb, input, match, groups);
      }
    }
    return sb.toString();
  }

  private static String group(String input, @Nullable MatchResult match, int[] groups) {
    for (int g : groups) {
      if (match == null) {
        if (g <= 1) {
          return input;
        }
      } else if (match.start(g) >= 0) {
        return input.substring(match.start(g), match.end(g));
      }
    }
    return "";
  }

  private static void appendGroup(
      StringBuilder sb, String input, @Nullable MatchResult match, int[] groups) {
    for (int g : groups) {
      if (match == null) {
        if (g <= 1) {
          sb.append(input);
          return;
        }
      } else if (match.start(g) >= 0) {
        sb.append(input, match.start(g), match.end(g));
        return;
      }
    }
  }

  @Override
  public String toString() {
    return source;
  }
}
