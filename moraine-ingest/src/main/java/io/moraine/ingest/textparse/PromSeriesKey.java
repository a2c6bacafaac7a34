package io.moraine.ingest.textparse;

import io.moraine.core.labels.Labels;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The slow path of a text-format sample line whose {@code name{labels}} spelling is new: the label
 * list read token by token as Prometheus' lexer does (with its error wording), then the checks of
 * the scrape loop and the {@link Labels}. Not thread-safe; one per body.
 */
final class PromSeriesKey {
  private final PromTextReader reader;
  private final MemorySegment in;
  private final ErrorLocator errors;
  private final SeriesRegistry registry;
  private final LabelListReader list;
  private final SeriesLabels seriesLabels;

  PromSeriesKey(
      PromTextReader reader, MemorySegment in, ErrorLocator errors, SeriesRegistry registry) {
    this.reader = reader;
    this.in = in;
    this.errors = errors;
    this.registry = registry;
    this.list = new LabelListReader(in, errors);
    this.seriesLabels = new SeriesLabels(in, errors, registry);
  }

  /**
   * Reads the optional label list after the metric name ending at {@code nameEnd}.
   *
   * @return where the series key ends: after {@code '}'}, or {@code nameEnd} without a list
   */
  long lex(long nameEnd) {
    list.count = 0;
    long p = reader.skipWs(nameEnd);
    if (reader.at(p) != '{') {
      return nameEnd;
    }
    p++;
    while (true) {
      p = reader.skipWs(p);
      int c = reader.at(p);
      if (c == '}') {
        return p + 1;
      } else if (!PromTextReader.isLabelStart(c)) {
        throw errors.at(p, "expected label name, got " + labelsToken(c));
      }
      long nameStart = p;
      do {
        p++;
      } while (PromTextReader.isLabelChar(reader.at(p)));
      long labelNameEnd = p;
      p = reader.skipWs(p);
      c = reader.at(p);
      if (c != '=') {
        throw errors.at(p, "expected equal, got " + labelsToken(c));
      }
      p = reader.skipWs(p + 1);
      if (reader.at(p) != '"') {
        throw errors.at(p, "expected label value, got \"INVALID\"");
      }
      long valueEnd = closingQuote(p);
      if (!Utf8.isValid(in, p + 1, valueEnd)) {
        throw errors.at(p + 1, "invalid UTF-8 label value");
      }
      list.add(nameStart, labelNameEnd, p + 1, valueEnd);
      p = reader.skipWs(valueEnd + 1);
      if (reader.at(p) == ',') {
        p++;
      }
    }
  }

  /**
   * The series id of the key just {@link #lex}ed, whose line also parsed; announces a new series to
   * {@code sink}. Refuses what the scrape loop refuses after parsing.
   */
  int register(long lineStart, long nameStart, long nameEnd, SampleSink sink) {
    if (lineStart != nameStart) {
      throw errors.at(
          lineStart, "invalid metric name or label names: " + promString(lineStart, nameEnd));
    }
    String duplicate = firstDuplicateName();
    if (duplicate != null) {
      throw errors.at(
          nameStart, "label name " + GoQuote.quote(duplicate) + " is not unique: invalid sample");
    }
    Labels labels = seriesLabels.build(nameStart, nameEnd, list, TypeClass.PLAIN);
    return registry.idOf(labels, sink);
  }

  /** Position of the quote closing the value opening at {@code open}, or the lexer's error. */
  private long closingQuote(long open) {
    long limit = reader.limit();
    long p = open + 1;
    while (p < limit) {
      byte c = in.get(Scan.BYTE, p);
      if (c == '"') {
        return p;
      } else if (c == '\\') {
        if (p + 1 >= limit || in.get(Scan.BYTE, p + 1) == '\n') {
          break;
        }
        p += 2;
      } else {
        p++;
      }
    }
    throw errors.at(open, "expected label value, got \"INVALID\"");
  }

  /**
   * The smallest label name (with {@code __name__}) given more than once, as Prometheus finds it.
   */
  private @org.jspecify.annotations.Nullable String firstDuplicateName() {
    if (list.count == 0) {
      return null;
    }
    String[] names = new String[list.count + 1];
    names[0] = Labels.METRIC_NAME;
    for (int i = 0; i < list.count; i++) {
      names[i + 1] = seriesLabels.decode(list.nameStart(i), list.nameEnd(i));
    }
    Arrays.sort(names);
    for (int i = 1; i < names.length; i++) {
      if (names[i].equals(names[i - 1])) {
        return names[i];
      }
    }
    return null;
  }

  /** Prometheus' {@code Labels.String()} of the parsed labels: {@code {__name__="x", a="b"}}. */
  private String promString(long nameStart, long nameEnd) {
    List<String[]> pairs = new ArrayList<>();
    pairs.add(new String[] {Labels.METRIC_NAME, seriesLabels.decode(nameStart, nameEnd)});
    for (int i = 0; i < list.count; i++) {
      String value = seriesLabels.decode(list.valueStart(i), list.valueEnd(i));
      if (!value.isEmpty()) {
        pairs.add(new String[] {seriesLabels.decode(list.nameStart(i), list.nameEnd(i)), value});
      }
    }
    pairs.sort((a, b) -> a[0].compareTo(b[0]));
    StringBuilder sb = new StringBuilder("{");
    for (String[] pair : pairs) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(pair[0]).append('=').append(GoQuote.quote(pair[1]));
    }
    return sb.append('}').toString();
  }

  /** The token Prometheus' lexer sees at {@code c} inside braces, for messages. */
  private static String labelsToken(int c) {
    if (c == ',') {
      return "\"COMMA\"";
    } else if (c == '=') {
      return "\"EQUAL\"";
    } else if (c == '}') {
      return "\"BCLOSE\"";
    } else if (PromTextReader.isLabelStart(c)) {
      return "\"LNAME\"";
    }
    return "\"INVALID\"";
  }
}
