package io.moraine.tsdb.block;

import io.moraine.core.encoding.CorruptionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes and strictly parses meta.json. The parser reads a small JSON subset (objects, arrays,
 * strings, integers; no floats, booleans or null), checks the version before anything else so a
 * newer file is refused as such, then requires exactly the known fields.
 */
final class MetaJson {
  private static final Set<String> TOP =
      Set.of("ulid", "minTime", "maxTime", "stats", "compaction", "version");
  private static final Set<String> STATS = Set.of("numSamples", "numSeries", "numChunks");
  private static final Set<String> COMPACTION = Set.of("level", "sources");

  private MetaJson() {}

  static String write(BlockMeta m) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\n");
    sb.append("  \"ulid\": \"").append(m.id()).append("\",\n");
    sb.append("  \"minTime\": ").append(m.minTime()).append(",\n");
    sb.append("  \"maxTime\": ").append(m.maxTime()).append(",\n");
    sb.append("  \"stats\": {\n");
    sb.append("    \"numSamples\": ").append(m.stats().numSamples()).append(",\n");
    sb.append("    \"numSeries\": ").append(m.stats().numSeries()).append(",\n");
    sb.append("    \"numChunks\": ").append(m.stats().numChunks()).append("\n");
    sb.append("  },\n");
    sb.append("  \"compaction\": {\n");
    sb.append("    \"level\": ").append(m.compaction().level()).append(",\n");
    sb.append("    \"sources\": [");
    List<String> sources = m.compaction().sources();
    for (int i = 0; i < sources.size(); i++) {
      sb.append(i == 0 ? "\n      \"" : ",\n      \"").append(sources.get(i)).append('"');
    }
    sb.append("\n    ]\n");
    sb.append("  },\n");
    sb.append("  \"version\": ").append(m.version()).append('\n');
    return sb.append("}\n").toString();
  }

  static BlockMeta parse(Path file, String text) {
    Parser p = new Parser(file, text);
    Map<String, Object> top = p.object(p.parseDocument(), "document");
    Object version = top.get("version");
    if (!(version instanceof Long v)) {
      throw p.error(0, "missing or non-integer \"version\"");
    }
    if (v != BlockMeta.VERSION) {
      throw p.error(
          0,
          "unsupported meta.json version " + v + " (this build reads " + BlockMeta.VERSION + ")");
    }
    p.exactly(top, TOP, "top level");
    Map<String, Object> stats = p.object(top.get("stats"), "stats");
    p.exactly(stats, STATS, "stats");
    Map<String, Object> comp = p.object(top.get("compaction"), "compaction");
    p.exactly(comp, COMPACTION, "compaction");
    List<String> sources = new ArrayList<>();
    if (!(comp.get("sources") instanceof List<?> list)) {
      throw p.error(0, "\"sources\" is not an array");
    }
    for (Object o : list) {
      sources.add(p.string(o, "source"));
    }
    try {
      return new BlockMeta(
          p.string(top.get("ulid"), "ulid"),
          p.integer(top.get("minTime"), "minTime"),
          p.integer(top.get("maxTime"), "maxTime"),
          new BlockMeta.Stats(
              p.integer(stats.get("numSamples"), "numSamples"),
              p.integer(stats.get("numSeries"), "numSeries"),
              p.integer(stats.get("numChunks"), "numChunks")),
          new BlockMeta.Compaction(Math.toIntExact(p.integer(comp.get("level"), "level")), sources),
          BlockMeta.VERSION);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw p.error(0, "invalid meta: " + e.getMessage());
    }
  }

  /** A recursive-descent reader of the JSON subset; values are Map, List, String or Long. */
  private static final class Parser {
    /** Meta files are tiny; deeper nesting than this is garbage, not a meta file. */
    private static final int MAX_DEPTH = 8;

    private final Path file;
    private final String s;
    private int pos;

    Parser(Path file, String s) {
      this.file = file;
      this.s = s;
    }

    CorruptionException error(int at, String reason) {
      return new CorruptionException(file, at, "meta.json: " + reason);
    }

    Object parseDocument() {
      Object v = value(0);
      skipSpace();
      if (pos != s.length()) {
        throw error(pos, "trailing characters");
      }
      return v;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(@Nullable Object o, String what) {
      if (!(o instanceof Map)) {
        throw error(0, what + " is not an object");
      }
      return (Map<String, Object>) o;
    }

    void exactly(Map<String, Object> m, Set<String> fields, String what) {
      for (String k : m.keySet()) {
        if (!fields.contains(k)) {
          throw error(0, "unknown field \"" + k + "\" in " + what);
        }
      }
      for (String f : fields) {
        if (!m.containsKey(f)) {
          throw error(0, "missing field \"" + f + "\" in " + what);
        }
      }
    }

    String string(@Nullable Object o, String what) {
      if (!(o instanceof String str)) {
        throw error(0, "\"" + what + "\" is not a string");
      }
      return str;
    }

    long integer(@Nullable Object o, String what) {
      if (!(o instanceof Long l)) {
        throw error(0, "\"" + what + "\" is not an integer");
      }
      return l;
    }

    private void skipSpace() {
      while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
    }

    private char peek() {
      skipSpace();
      if (pos >= s.length()) {
        throw error(pos, "unexpected end");
      }
      return s.charAt(pos);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error(pos, "expected '" + c + "'");
      }
      pos++;
    }

    private Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error(pos, "nested too deeply");
      }
      char c = peek();
      if (c == '{') {
        return objectValue(depth);
      } else if (c == '[') {
        return arrayValue(depth);
      } else if (c == '"') {
        return stringValue();
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        return integerValue();
      }
      throw error(pos, "unsupported value starting with '" + c + "'");
    }

    private Map<String, Object> objectValue(int depth) {
      expect('{');
      Map<String, Object> m = new LinkedHashMap<>();
      if (peek() == '}') {
        pos++;
        return m;
      }
      while (true) {
        int at = pos;
        if (peek() != '"') {
          throw error(pos, "expected a field name");
        }
        String k = stringValue();
        expect(':');
        if (m.put(k, value(depth + 1)) != null) {
          throw error(at, "duplicate field \"" + k + "\"");
        }
        if (peek() == ',') {
          pos++;
        } else {
          expect('}');
          return m;
        }
      }
    }

    private List<Object> arrayValue(int depth) {
      expect('[');
      List<Object> l = new ArrayList<>();
      if (peek() == ']') {
        pos++;
        return l;
      }
      while (true) {
        l.add(value(depth + 1));
        if (peek() == ',') {
          pos++;
        } else {
          expect(']');
          return l;
        }
      }
    }

    private String stringValue() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\' || c < 0x20) {
          throw error(pos - 1, "escapes and control characters are not used in meta.json");
        }
        sb.append(c);
      }
      throw error(pos, "unterminated string");
    }

    private Long integerValue() {
      int start = pos;
      if (s.charAt(pos) == '-') {
        pos++;
      }
      while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
        pos++;
      }
      String num = s.substring(start, pos);
      if (pos < s.length() && ".eE".indexOf(s.charAt(pos)) >= 0) {
        throw error(start, "only integers are used in meta.json");
      }
      if (num.equals("-") || (num.length() > 1 && num.replace("-", "").startsWith("0"))) {
        throw error(start, "malformed number " + num);
      }
      try {
        return Long.parseLong(num);
      } catch (NumberFormatException e) {
        throw error(start, "number out of range: " + num);
      }
    }
  }
}
