package io.moraine.ingest.textparse;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a text-format line starting with {@code '#'}: {@code # HELP} and {@code # TYPE} (the {@code
 * '#'} and the keyword each followed by spaces or tabs), anything else a comment. As in Prometheus,
 * the text is everything after the one character that follows the metric name, and is empty when
 * only spaces and tabs follow the name. Not thread-safe; one per body.
 */
final class PromMetaLine {
  private static final long NEWLINE = Scan.pattern('\n');
  private static final long NUL = Scan.pattern('\0');

  private static final String[] TYPE_WORDS = {
    "counter", "gauge", "histogram", "summary", "untyped"
  };
  private static final MetricType[] TYPES = {
    MetricType.COUNTER,
    MetricType.GAUGE,
    MetricType.HISTOGRAM,
    MetricType.SUMMARY,
    MetricType.UNKNOWN
  };

  private final PromTextReader reader;
  private final MemorySegment in;
  private final ErrorLocator errors;
  private final SeriesRegistry registry;
  private final SeriesTable table;
  private final List<MetaLineValue> values;

  /** What the line being read said, when it was a {@code # HELP} or {@code # TYPE} line. */
  private @Nullable MetaLineValue said;

  PromMetaLine(
      PromTextReader reader,
      MemorySegment in,
      ErrorLocator errors,
      SeriesRegistry registry,
      SeriesTable table,
      List<MetaLineValue> values) {
    this.reader = reader;
    this.in = in;
    this.errors = errors;
    this.registry = registry;
    this.table = table;
    this.values = values;
  }

  /**
   * Reads the line whose {@code '#'} is at {@code hash}: a {@code # HELP} or {@code # TYPE} line
   * that the parser met before, byte for byte, is handed on from memory (found by prediction from
   * the previous line, else by hash); any other line is read and, when it is such a line, kept.
   *
   * @return where the next line starts; past the end when a NUL byte ended the input
   */
  long read(long hash, SampleSink sink) {
    long limit = reader.limit();
    int e = table.predictPrefix(in, hash, limit);
    if (e >= 0 && table.typeClass(e) == TypeClass.META_LINE) {
      return replay(e, hash, sink);
    }
    long nl = lineEnd(hash);
    long hashCode = 0;
    if (nl < limit && nl - hash < Integer.MAX_VALUE) {
      hashCode = Scan.hash(in, hash, nl + 1, 0);
      e = table.find(in, hashCode, hash, (int) (nl + 1 - hash), TypeClass.META_LINE);
      if (e >= 0) {
        return replay(e, hash, sink);
      }
    }
    said = null;
    long next = readLine(hash, sink);
    MetaLineValue v = said;
    if (v != null && next == nl + 1 && nl < limit && nl - hash < Integer.MAX_VALUE) {
      int id = values.size();
      values.add(v);
      table.visit(table.put(in, hashCode, hash, (int) (nl + 1 - hash), TypeClass.META_LINE, id));
    }
    return next;
  }

  private long replay(int entry, long hash, SampleSink sink) {
    values.get(table.id(entry)).replay(sink);
    table.visit(entry);
    return hash + table.length(entry);
  }

  /** Reads the line whose {@code '#'} is at {@code hash}, as {@link #read} without memory. */
  private long readLine(long hash, SampleSink sink) {
    long limit = reader.limit();
    long p = hash + 1;
    if (!PromTextReader.isWs(reader.at(p))) {
      // A comment right after '#': Prometheus stops at a NUL byte as if the input ended.
      long end = Scan.findAny(in, p, limit, NEWLINE, NUL, NEWLINE);
      return end < limit && in.get(Scan.BYTE, end) == 0 ? limit + 1 : end + 1;
    }
    p = reader.skipWs(p);
    boolean help = keywordAt(p, "HELP");
    if (reader.at(p) == 0) {
      return limit + 1;
    } else if (!help && !keywordAt(p, "TYPE")) {
      return lineEnd(p) + 1;
    }
    String kind = help ? "HELP" : "TYPE";
    long nameStart = reader.skipWs(p + 4);
    if (!PromTextReader.isNameStart(reader.at(nameStart))) {
      throw errors.at(nameStart, "expected metric name after " + kind + ", got \"INVALID\"");
    }
    long nameEnd = nameStart + 1;
    while (PromTextReader.isNameChar(reader.at(nameEnd))) {
      nameEnd++;
    }
    long lineEnd = lineEnd(nameEnd);
    long textStart = nameEnd + 1;
    if (lineEnd - nameEnd <= 1 || reader.skipWs(nameEnd) >= lineEnd) {
      textStart = lineEnd;
    }
    String name = registry.intern(string(nameStart, nameEnd));
    if (help) {
      if (!Utf8.isValid(in, textStart, lineEnd)) {
        throw errors.at(textStart, "help text is not a valid utf8 string");
      }
      String text = unescapeHelp(string(textStart, lineEnd));
      said = new MetaLineValue(name, text, null);
      sink.help(name, text);
    } else {
      MetricType type = type(textStart, lineEnd);
      said = new MetaLineValue(name, null, type);
      sink.type(name, type);
    }
    return lineEnd + 1;
  }

  private MetricType type(long start, long end) {
    for (int i = 0; i < TYPE_WORDS.length; i++) {
      String w = TYPE_WORDS[i];
      if (end - start == w.length() && startsWith(start, w)) {
        return TYPES[i];
      }
    }
    throw errors.at(start, "invalid metric type " + GoQuote.quote(in, start, end));
  }

  /** {@code \\} to {@code \} and {@code \n} to a line break, left to right; other escapes kept. */
  static String unescapeHelp(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(i + 1);
        if (e == '\\' || e == 'n') {
          sb.append(e == 'n' ? '\n' : '\\');
          i++;
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private boolean keywordAt(long p, String word) {
    return startsWith(p, word) && PromTextReader.isWs(reader.at(p + word.length()));
  }

  private boolean startsWith(long p, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (reader.at(p + i) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private long lineEnd(long p) {
    return Scan.findAny(in, p, reader.limit(), NEWLINE, NEWLINE, NEWLINE);
  }

  private String string(long start, long end) {
    return new String(in.asSlice(start, end - start).toArray(Scan.BYTE), StandardCharsets.UTF_8);
  }
}
