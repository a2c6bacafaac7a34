package io.moraine.server.api.prom;

import com.fasterxml.jackson.core.JsonGenerator;
import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.core.storage.Storage;
import io.moraine.tsdb.Tsdb;
import io.moraine.tsdb.head.Head;
import io.moraine.tsdb.index.IndexReader;
import io.moraine.tsdb.query.BlockReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * {@code /api/v1/status/tsdb}: head statistics and the top 10 cardinalities, as Prometheus 2.42
 * computes them from its head's postings (series per metric name, values per label name, bytes of
 * values per label name, series per label pair). With the embedded store it reads the head's index;
 * with another store, the store's whole range through its {@link Querier} (slower: one select per
 * label pair), with no chunk count.
 */
final class TsdbStatus {
  /** Prometheus lists the top 10 of each statistic. */
  static final int TOP = 10;

  /** One statistic: a name and its count. */
  record Stat(String name, long value) {}

  /** The head's figures; min and max time are Long.MAX_VALUE and MIN_VALUE when it is empty. */
  record HeadFigures(
      long numSeries, long numLabelPairs, long chunkCount, long minTime, long maxTime) {}

  /** The answer. */
  record Status(
      HeadFigures head,
      List<Stat> seriesCountByMetricName,
      List<Stat> labelValueCountByLabelName,
      List<Stat> memoryInBytesByLabelName,
      List<Stat> seriesCountByLabelValuePair) {}

  /** The label index seen by the statistics. */
  private interface Postings {
    List<String> names();

    List<String> values(String name);

    long seriesCount(String name, String value);
  }

  private TsdbStatus() {}

  static Status compute(Storage storage) {
    if (storage instanceof Tsdb tsdb) {
      Head head = tsdb.head();
      BlockReader reader = head.reader(Long.MIN_VALUE, Long.MAX_VALUE);
      try {
        IndexReader index = reader.index();
        Postings p =
            new Postings() {
              @Override
              public List<String> names() {
                return index.labelNames();
              }

              @Override
              public List<String> values(String name) {
                return index.labelValues(name);
              }

              @Override
              public long seriesCount(String name, String value) {
                return index.postings(name, value).getLongCardinality();
              }
            };
        return compute(p, head.numSeries(), head.numChunks(), head.minTime(), head.maxTime());
      } finally {
        reader.release();
      }
    }
    try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      return compute(
          new QuerierPostings(q),
          count(q, Matcher.re(Labels.METRIC_NAME, ".+")),
          0,
          storage.minTime(),
          storage.maxTime());
    }
  }

  private static Status compute(
      Postings p, long numSeries, long chunks, long minTime, long maxTime) {
    Top metrics = new Top();
    Top labels = new Top();
    Top bytes = new Top();
    Top pairs = new Top();
    long numLabelPairs = 0;
    for (String name : p.names()) {
      List<String> values = p.values(name);
      labels.add(name, values.size());
      numLabelPairs += values.size();
      long size = 0;
      for (String value : values) {
        long n = p.seriesCount(name, value);
        if (name.equals(Labels.METRIC_NAME)) {
          metrics.add(value, n);
        }
        pairs.add(name + "=" + value, n);
        size += value.getBytes(StandardCharsets.UTF_8).length;
      }
      bytes.add(name, size);
    }
    return new Status(
        new HeadFigures(numSeries, numLabelPairs, chunks, minTime, maxTime),
        metrics.sorted(),
        labels.sorted(),
        bytes.sorted(),
        pairs.sorted());
  }

  static void write(JsonGenerator g, Status s) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("headStats");
    g.writeNumberField("numSeries", s.head().numSeries());
    g.writeNumberField("numLabelPairs", s.head().numLabelPairs());
    g.writeNumberField("chunkCount", s.head().chunkCount());
    g.writeNumberField("minTime", s.head().minTime());
    g.writeNumberField("maxTime", s.head().maxTime());
    g.writeEndObject();
    writeStats(g, "seriesCountByMetricName", s.seriesCountByMetricName());
    writeStats(g, "labelValueCountByLabelName", s.labelValueCountByLabelName());
    writeStats(g, "memoryInBytesByLabelName", s.memoryInBytesByLabelName());
    writeStats(g, "seriesCountByLabelValuePair", s.seriesCountByLabelValuePair());
    g.writeEndObject();
  }

  private static void writeStats(JsonGenerator g, String field, List<Stat> stats)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (Stat st : stats) {
      g.writeStartObject();
      g.writeStringField("name", st.name());
      g.writeNumberField("value", st.value());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static long count(Querier q, Matcher... matchers) {
    SeriesSet set = q.select(false, SelectHints.NONE, matchers);
    long n = 0;
    while (set.next()) {
      n++;
    }
    return n;
  }

  /** The largest {@link #TOP} stats; ties in name order, so answers are reproducible. */
  private static final class Top {
    private static final Comparator<Stat> ORDER =
        Comparator.comparingLong(Stat::value).reversed().thenComparing(Stat::name);
    private final PriorityQueue<Stat> heap = new PriorityQueue<>(ORDER.reversed());

    void add(String name, long value) {
      heap.add(new Stat(name, value));
      if (heap.size() > TOP) {
        heap.poll();
      }
    }

    List<Stat> sorted() {
      List<Stat> out = new ArrayList<>(heap);
      out.sort(ORDER);
      return out;
    }
  }

  private record QuerierPostings(Querier q) implements Postings {
    @Override
    public List<String> names() {
      return q.labelNames();
    }

    @Override
    public List<String> values(String name) {
      return q.labelValues(name);
    }

    @Override
    public long seriesCount(String name, String value) {
      return count(q, Matcher.eq(name, value));
    }
  }
}
