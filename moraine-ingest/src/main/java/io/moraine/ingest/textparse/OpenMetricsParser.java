package io.moraine.ingest.textparse;

import io.moraine.core.labels.Labels;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Parses OpenMetrics 1.0 text as {@code promtool tsdb create-blocks-from openmetrics} reads it,
 * streaming each sample to a {@link SampleSink}.
 *
 * <p>Accepted: {@code # HELP}, {@code # TYPE}, {@code # UNIT} lines; sample lines {@code
 * name{l="v",...} value timestamp [# {l="v"} value [timestamp]]} with the timestamp in seconds
 * (fractions and exponents allowed) and the exemplar read, checked and dropped; a final {@code #
 * EOF}. A sample without a timestamp is an error, as promtool refuses it for import. The first
 * malformed line throws {@link TextParseException} with its line and column.
 *
 * <p>Cost: a line whose {@code name{labels}} bytes this parser has met before is hashed, found in a
 * local table and compared, with no allocation (a value with more than 15 significant digits or
 * NaN/Inf spelled out takes a slower path that allocates). A new byte key is fully checked, turned
 * into {@link Labels} and looked up in the {@link SeriesRegistry}, so two spellings of one label
 * set (other label order, escapes) share one id.
 *
 * <p>Thread-safety: an instance is confined to one thread. Several instances may parse disjoint
 * {@link Range}s of one input in parallel when they share one registry ({@link ParallelParse}). The
 * input must stay mapped and unchanged while any parser of it is in use.
 */
public final class OpenMetricsParser {
  private static final long SPACE = Scan.pattern(' ');
  private static final long NEWLINE = Scan.pattern('\n');
  private static final long QUOTE = Scan.pattern('"');
  private static final long BACKSLASH = Scan.pattern('\\');

  private final MemorySegment in;
  private final long limit;
  private final SeriesRegistry registry;
  private final SeriesTable table;
  private final ErrorLocator errors;
  private final LabelListReader labelList;
  private final SeriesLabels seriesLabels;
  private final MetaLineReader metaLines;
  private byte typeClass = TypeClass.PLAIN;
  private long samples;
  private boolean timestampsOptional;

  /**
   * @param input the whole input (a mapped file may exceed 2 GiB); byte offsets in {@link Range}s
   *     and line numbers in errors refer to it
   * @param registry where series ids come from; shared by all parsers of one import
   */
  public OpenMetricsParser(MemorySegment input, SeriesRegistry registry) {
    this.in = Objects.requireNonNull(input, "input");
    this.limit = input.byteSize();
    this.registry = Objects.requireNonNull(registry, "registry");
    this.table = new SeriesTable(input);
    this.errors = new ErrorLocator(input);
    this.labelList = new LabelListReader(input, errors);
    this.seriesLabels = new SeriesLabels(input, errors, registry);
    this.metaLines = new MetaLineReader(input, errors);
  }

  /** A parser over a heap copy-free view of {@code input}, with its own registry (tests, tools). */
  public static OpenMetricsParser of(byte[] input) {
    return new OpenMetricsParser(MemorySegment.ofArray(input), new SeriesRegistry());
  }

  /**
   * Accepts samples without a timestamp (as a scrape does; an import requires them), reporting them
   * with {@link SampleSink#NO_TIMESTAMP}. Returns this parser.
   */
  public OpenMetricsParser timestampsOptional() {
    this.timestampsOptional = true;
    return this;
  }

  /** Parses the whole input, which must end with {@code # EOF}. */
  public void parse(SampleSink sink) {
    parse(new Range(0, limit), sink);
  }

  /**
   * Parses one range of the input (see {@link ParallelParse#split}); the range that ends the input
   * must end with {@code # EOF}, and no other range may contain it.
   *
   * @throws TextParseException at the first malformed line, with its line in the whole input
   */
  public void parse(Range range, SampleSink sink) {
    if (range.end() > limit) {
      throw new IllegalArgumentException("range " + range + " beyond input of " + limit + " bytes");
    }
    long p = range.start();
    long end = range.end();
    errors.reset(p);
    table.resetPrediction();
    typeClass = p == 0 ? TypeClass.PLAIN : TypeClass.UNRESOLVED;
    while (p < end) {
      errors.lineStart = p;
      if (in.get(Scan.BYTE, p) == '#') {
        p = metaLines.read(p, limit);
        if (metaLines.kind == MetaLineReader.Kind.EOF) {
          if (p != limit) {
            throw errors.at(p, "unexpected data after # EOF");
          }
          return;
        }
        if (metaLines.kind == MetaLineReader.Kind.TYPE) {
          typeClass = metaLines.typeClass;
        }
      } else {
        p = sampleLine(p, sink);
      }
      errors.linesInRange++;
    }
    if (end == limit) {
      errors.lineStart = p;
      throw errors.at(p, "data does not end with # EOF");
    }
  }

  /** Samples handed to sinks by this parser so far. */
  public long samplesParsed() {
    return samples;
  }

  /** Distinct series keys (byte spellings) this parser remembers. */
  public int seriesKeys() {
    return table.size();
  }

  private long sampleLine(long start, SampleSink sink) {
    int entry = table.predict(in, start, limit, typeClass);
    long keyEnd;
    if (entry >= 0) {
      keyEnd = start + table.length(entry);
    } else {
      keyEnd = keyEnd(start);
      int length = (int) Math.min(Integer.MAX_VALUE, keyEnd - start);
      entry = table.find(in, Scan.hash(in, start, keyEnd, typeClass), start, length, typeClass);
      if (entry < 0) {
        entry = newSeries(start, keyEnd, sink);
      }
    }
    table.visit(entry);
    int id = table.id(entry);
    long p = keyEnd;
    if (p >= limit || in.get(Scan.BYTE, p) != ' ') {
      throw errors.at(p, "expected ' ' and a value after " + errors.excerpt(start, p));
    }
    long valueStart = p + 1;
    long valueEnd = tokenEnd(valueStart);
    double value = number(valueStart, valueEnd, "value");
    p = valueEnd;
    byte c = p < limit ? in.get(Scan.BYTE, p) : 0;
    if (timestampsOptional && (c == '\n' || isExemplarStart(p))) {
      p = lineEnd(p, "value");
      sink.sample(id, SampleSink.NO_TIMESTAMP, value);
      samples++;
      return p;
    }
    if (c != ' ' || isExemplarStart(p)) {
      if (c == 0) {
        throw errors.at(p, "data does not end with # EOF");
      }
      if (c == ' ') {
        ExemplarReader.skip(this, p);
      }
      throw errors.at(
          p, "expected timestamp for series " + errors.excerpt(start, keyEnd) + ", got none");
    }
    long tsStart = p + 1;
    long tsEnd = tokenEnd(tsStart);
    double seconds = number(tsStart, tsEnd, "timestamp");
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      throw errors.at(tsStart, "invalid timestamp " + errors.excerpt(tsStart, tsEnd));
    }
    p = lineEnd(tsEnd, "timestamp");
    sink.sample(id, (long) (seconds * 1000.0), value);
    samples++;
    return p;
  }

  /** After a value or timestamp: a line break, or an exemplar and its line break. */
  long lineEnd(long p, String after) {
    if (p >= limit) {
      throw errors.at(p, "data does not end with # EOF");
    }
    byte c = in.get(Scan.BYTE, p);
    if (c == '\n') {
      return p + 1;
    }
    if (isExemplarStart(p)) {
      return ExemplarReader.skip(this, p);
    }
    throw errors.at(p, "expected end of line or exemplar after " + after + got(p));
  }

  private boolean isExemplarStart(long p) {
    return p + 4 <= limit
        && in.get(Scan.BYTE, p) == ' '
        && in.get(Scan.BYTE, p + 1) == '#'
        && in.get(Scan.BYTE, p + 2) == ' '
        && in.get(Scan.BYTE, p + 3) == '{';
  }

  /** Enters a key not in the local table (returns its entry), or throws on a malformed key. */
  private int newSeries(long start, long keyEnd, SampleSink sink) {
    long p = start;
    long nameStart;
    long nameEnd;
    byte c = p < limit ? in.get(Scan.BYTE, p) : (byte) '\n';
    if (isMetricNameStart(c)) {
      nameStart = p;
      p++;
      while (p < limit && isMetricNameChar(in.get(Scan.BYTE, p))) {
        p++;
      }
      nameEnd = p;
      if (p < limit && in.get(Scan.BYTE, p) == '{') {
        p = labelList.read(p + 1, limit, false);
        if (labelList.quotedNameStart >= 0) {
          throw errors.at(labelList.quotedNameStart - 1, "metric name already set");
        }
      } else {
        labelList.count = 0;
      }
    } else if (c == '{') {
      p = labelList.read(p + 1, limit, false);
      if (labelList.quotedNameStart < 0) {
        throw errors.at(start, "metric name not set");
      }
      nameStart = labelList.quotedNameStart;
      nameEnd = labelList.quotedNameEnd;
    } else {
      throw errors.at(p, "expected a metric name, '{', or '#'" + got(p));
    }
    if (p != keyEnd) {
      throw errors.at(p, "expected ' ' and a value after " + errors.excerpt(start, p) + got(p));
    }
    if (typeClass == TypeClass.UNRESOLVED && seriesLabels.hasNormalisedLabel(labelList)) {
      typeClass = typeBefore(errors.lineStart);
    }
    Labels labels = seriesLabels.build(nameStart, nameEnd, labelList, typeClass);
    int id = registry.idOf(labels, sink);
    return table.put(
        in, Scan.hash(in, start, keyEnd, typeClass), start, (int) (keyEnd - start), typeClass, id);
  }

  /** The type class in force at {@code p}: that of the last {@code # TYPE} line before it. */
  private byte typeBefore(long p) {
    MetaLineReader probe = new MetaLineReader(in, new ErrorLocator(in));
    long q = p;
    while ((q = Scan.findLast(in, 0, q, '#')) >= 0) {
      if (q == 0 || in.get(Scan.BYTE, q - 1) == '\n') {
        try {
          probe.read(q, limit);
          if (probe.kind == MetaLineReader.Kind.TYPE) {
            return probe.typeClass;
          }
        } catch (TextParseException malformed) {
          // the parser of that range reports it
        }
      }
    }
    return TypeClass.PLAIN;
  }

  /**
   * End of {@code name{labels}}: the first space or line break outside quotes (or a line break
   * inside them, which the full check then reports).
   */
  private long keyEnd(long p) {
    boolean quoted = false;
    while (true) {
      p =
          quoted
              ? Scan.findAny(in, p, limit, QUOTE, BACKSLASH, NEWLINE)
              : Scan.findAny(in, p, limit, SPACE, NEWLINE, QUOTE);
      if (p >= limit) {
        return limit;
      }
      byte c = in.get(Scan.BYTE, p);
      if (c == '"') {
        quoted = !quoted;
        p++;
      } else if (c == '\\') {
        p = Math.min(limit, p + 2);
      } else {
        return p;
      }
    }
  }

  /** End of a value or timestamp token: the next space or line break. */
  long tokenEnd(long p) {
    while (p < limit) {
      byte c = in.get(Scan.BYTE, p);
      if (c == ' ' || c == '\n') {
        return p;
      }
      p++;
    }
    return p;
  }

  /** The float at {@code [start, end)}, or a parse error naming {@code what}. */
  double number(long start, long end, String what) {
    if (start >= end) {
      throw errors.at(start, "expected " + what + got(start));
    }
    try {
      return GoFloat.parse(in, start, end);
    } catch (IllegalArgumentException e) {
      throw errors.at(start, "invalid " + what + " " + errors.excerpt(start, end));
    }
  }

  MemorySegment input() {
    return in;
  }

  long limit() {
    return limit;
  }

  ErrorLocator errors() {
    return errors;
  }

  LabelListReader labelList() {
    return labelList;
  }

  private String got(long p) {
    if (p >= limit) {
      return ", got end of input";
    }
    byte c = in.get(Scan.BYTE, p);
    return c == '\n' ? ", got end of line" : ", got " + errors.excerpt(p, p + 1);
  }

  static boolean isMetricNameStart(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }

  static boolean isMetricNameChar(byte c) {
    return isMetricNameStart(c) || (c >= '0' && c <= '9');
  }
}
