package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import java.util.List;

/**
 * The value of a LogQL query, in the four shapes of Loki's API ({@code streams}, {@code matrix},
 * {@code vector}, {@code scalar}). Timestamps of entries are nanoseconds; of samples, milliseconds.
 */
public sealed interface QueryResult {
  /** Log query result: streams, each with its entries in the query's direction. */
  record Streams(List<Stream> streams) implements QueryResult {
    public Streams {
      streams = List.copyOf(streams);
    }
  }

  /** One stream of a log query result (labels after the pipeline). */
  record Stream(Labels labels, List<Entry> entries) {
    public Stream {
      entries = List.copyOf(entries);
    }
  }

  /** One log entry of a result. */
  record Entry(long timestampNanos, String line) {}

  /** Range metric query result. */
  record Matrix(List<RangeSeries> series) implements QueryResult {
    public Matrix {
      series = List.copyOf(series);
    }
  }

  /**
   * One series of a matrix.
   *
   * @param timestampsMillis ascending step times; the same length as {@code values}
   */
  record RangeSeries(Labels labels, long[] timestampsMillis, double[] values) {}

  /** Instant metric query result. */
  record Vector(List<Sample> samples) implements QueryResult {
    public Vector {
      samples = List.copyOf(samples);
    }
  }

  /** One sample of a vector. */
  record Sample(Labels labels, long timestampMillis, double value) {}

  /** A scalar (a literal-only query). */
  record Scalar(long timestampMillis, double value) implements QueryResult {}
}
