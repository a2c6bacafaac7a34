package io.moraine.ingest.textparse;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses the Prometheus text exposition format 0.0.4 as Prometheus 2.42's scraper accepts it
 * ({@code model/textparse/promparse.go} plus the label checks its scrape loop makes), streaming
 * each sample to a {@link SampleSink}.
 *
 * <p>Accepted: blank lines; {@code # HELP name text} (escapes {@code \\} and {@code \n}) and {@code
 * # TYPE name counter|gauge|histogram|summary|untyped}, reported to {@link SampleSink#help} and
 * {@link SampleSink#type}; any other line starting with {@code #} is ignored; sample lines {@code
 * name [{l="v" ...}] value [timestamp]} where spaces and tabs may separate every token, commas
 * between labels are optional and a trailing one allowed, label values undo {@code \\}, {@code \"}
 * and {@code \n} and may hold raw line breaks, the value is a Go float ({@code NaN}, {@code +Inf},
 * {@code 1e-3}, ...; NaN always comes back as Prometheus' normal NaN) and the timestamp unsigned
 * int64 milliseconds. A missing final line break is fine; a NUL byte where a line (or a {@code #}
 * comment) would start ends the input silently, as in Prometheus.
 *
 * <p>Errors: the first malformed line throws {@link TextParseException} whose {@link
 * TextParseException#reason()} is Prometheus' own wording ({@code expected value after metric, got
 * "INVALID"}, {@code strconv.ParseFloat: parsing "x": invalid syntax}, ...), with the 1-based line
 * (of the line where the sample starts) and byte column of the offending token. Lines before it
 * have reached the sink. Also refused, as the scrape loop refuses them: a sample line indented by
 * whitespace ({@code invalid metric name or label names: ...}, since Prometheus keeps the
 * whitespace in the name) and a repeated label name ({@code label name "a" is not unique: invalid
 * sample}).
 *
 * <p>Cost: meant to be kept per scrape target and fed body after body. A line whose {@code
 * name{labels}} bytes this parser has met before, in this body or an earlier one, is matched
 * against its remembered copy and costs no allocation (the value {@code NaN}/{@code ±Inf} and
 * decimals of up to 18 digits included). A new spelling is fully checked, turned into labels with
 * strings interned by the {@link SeriesRegistry}, and gets its id there. Each call of {@code parse}
 * allocates a few small objects, each metadata line its strings.
 *
 * <p>Thread-safety: an instance is confined to one thread at a time. The body must not change
 * during a call and is not referenced after it.
 */
public final class PromTextParser {
  private final SeriesRegistry registry;
  private final SeriesTable table = SeriesTable.copying();

  /** What each {@link TypeClass#META_LINE} entry of {@link #table} said, by its id. */
  private final List<MetaLineValue> metaLines = new ArrayList<>();

  private long samples;

  /**
   * @param registry where series ids come from; ids stay valid for the life of the registry
   */
  public PromTextParser(SeriesRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Parses all of {@code body}. */
  public void parse(byte[] body, SampleSink sink) {
    parse(body, 0, body.length, sink);
  }

  /** Parses {@code body[offset, offset + length)}; lines are numbered from the range's start. */
  public void parse(byte[] body, int offset, int length, SampleSink sink) {
    Objects.checkFromIndexSize(offset, length, body.length);
    parse(MemorySegment.ofArray(body).asSlice(offset, length), sink);
  }

  /** Parses {@code body} from its position to its limit (heap or direct); the position is kept. */
  public void parse(ByteBuffer body, SampleSink sink) {
    parse(MemorySegment.ofBuffer(body), sink);
  }

  /**
   * Parses a whole body.
   *
   * @throws TextParseException at the first malformed line
   */
  public void parse(MemorySegment body, SampleSink sink) {
    Objects.requireNonNull(sink, "sink");
    PromTextReader reader = new PromTextReader(body, table, metaLines, registry, sink);
    try {
      reader.run();
    } finally {
      samples += reader.samples();
      table.trim();
    }
  }

  /** Samples handed to sinks by this parser so far, over all bodies. */
  public long samplesParsed() {
    return samples;
  }

  /** Distinct series spellings this parser remembers (each holds a copy of its bytes). */
  public int seriesKeys() {
    return table.size() - metaLines.size();
  }

  /**
   * Forgets the remembered spellings and metadata lines (not the registry's ids): for a scraper
   * that wants to bound the memory of a target whose series churn. The next body pays the
   * new-series path again.
   */
  public void forgetSeriesKeys() {
    table.clear();
    metaLines.clear();
  }
}
