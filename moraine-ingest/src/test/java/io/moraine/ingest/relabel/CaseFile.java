package io.moraine.ingest.relabel;

import io.moraine.core.labels.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Reads {@code cases.txt}: label sets, steps and expected results (format in the file's head). */
final class CaseFile {
  record Case(
      String name, String tags, Labels in, List<RelabelConfig> steps, @Nullable Labels out) {
    @Override
    public String toString() {
      return name;
    }
  }

  private CaseFile() {}

  static List<Case> load(String resource) throws IOException {
    String text;
    try (InputStream in = CaseFile.class.getResourceAsStream(resource)) {
      text =
          new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Case> cases = new ArrayList<>();
    String name = null;
    String tags = "";
    Labels input = null;
    List<RelabelConfig> steps = new ArrayList<>();
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      try {
        if (l.startsWith("case ")) {
          String[] parts = l.substring(5).split(" ", 2);
          name = parts[0];
          tags = parts.length > 1 ? parts[1] : "";
          input = null;
          steps = new ArrayList<>();
        } else if (l.startsWith("in ")) {
          input = labels(l.substring(3).strip());
        } else if (l.startsWith("step ")) {
          steps.add(step(l.substring(5)));
        } else if (l.startsWith("out ")) {
          String o = l.substring(4).strip();
          cases.add(
              new Case(
                  Objects.requireNonNull(name),
                  tags,
                  Objects.requireNonNull(input),
                  List.copyOf(steps),
                  o.equals("DROP") ? null : labels(o)));
        } else {
          throw new IllegalArgumentException("unknown line");
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(resource + ":" + lineNo + ": " + e.getMessage(), e);
      }
    }
    return cases;
  }

  /** {@code {a="x", b="y"}}. */
  static Labels labels(String s) {
    Cursor c = new Cursor(s);
    c.expect('{');
    List<String> kv = new ArrayList<>();
    c.skipSpaces();
    while (c.peek() != '}') {
      kv.add(c.until('='));
      c.expect('=');
      kv.add(c.quoted());
      c.skipSpaces();
      if (c.peek() == ',') {
        c.pos++;
        c.skipSpaces();
      }
    }
    return Labels.of(kv.toArray(String[]::new));
  }

  private static RelabelConfig step(String s) {
    RelabelConfig.Builder b = RelabelConfig.builder();
    Cursor c = new Cursor(s);
    c.skipSpaces();
    while (c.pos < s.length()) {
      String key = c.until('=');
      c.expect('=');
      String value = c.peek() == '"' ? c.quoted() : c.until(' ');
      switch (key) {
        case "action" -> b.action(RelabelAction.parse(value));
        case "source" -> b.sourceLabels(Arrays.asList(value.split(",")));
        case "sep" -> b.separator(value);
        case "regex" -> b.regex(value);
        case "modulus" -> b.modulus(Long.parseUnsignedLong(value));
        case "target" -> b.targetLabel(value);
        case "replacement" -> b.replacement(value);
        default -> throw new IllegalArgumentException("unknown key " + key);
      }
      c.skipSpaces();
    }
    return b.build();
  }

  private static final class Cursor {
    final String s;
    int pos;

    Cursor(String s) {
      this.s = s;
    }

    char peek() {
      if (pos >= s.length()) {
        throw new IllegalArgumentException("unexpected end of " + s);
      }
      return s.charAt(pos);
    }

    void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("expected " + c + " at " + pos + " in " + s);
      }
      pos++;
    }

    void skipSpaces() {
      while (pos < s.length() && s.charAt(pos) == ' ') {
        pos++;
      }
    }

    String until(char stop) {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) != stop) {
        pos++;
      }
      return s.substring(start, pos);
    }

    String quoted() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (peek() != '"') {
        char c = s.charAt(pos++);
        if (c == '\\') {
          char e = s.charAt(pos++);
          sb.append(
              switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case '\\', '"' -> e;
                default -> throw new IllegalArgumentException("bad escape \\" + e);
              });
        } else {
          sb.append(c);
        }
      }
      pos++;
      return sb.toString();
    }
  }
}
