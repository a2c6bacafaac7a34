package io.moraine.ingest.remotewrite;

import static io.moraine.ingest.proto.WireReader.FIXED64;
import static io.moraine.ingest.proto.WireReader.LENGTH_DELIMITED;
import static io.moraine.ingest.proto.WireReader.VARINT;

import io.moraine.ingest.proto.WireFormatException;
import io.moraine.ingest.proto.WireReader;
import java.util.Arrays;

/**
 * Decodes a {@code prometheus.WriteRequest} (remote-write 1.0, {@code prompb/remote.proto} and
 * {@code types.proto}) into a {@link WriteBatch}. Not thread-safe: one request at a time (it keeps
 * scratch space); shares the receiver's {@link SeriesCache} and {@link LabelsDecoder}.
 *
 * <p>Fields used: {@code WriteRequest.timeseries = 1}; {@code TimeSeries.labels = 1}, {@code
 * samples = 2}; {@code Label.name = 1}, {@code value = 2}; {@code Sample.value = 1} (double),
 * {@code timestamp = 2} (int64). Metadata ({@code WriteRequest} 3), exemplars and histograms
 * ({@code TimeSeries} 3, 4) are skipped but must have their declared wire type, as Prometheus'
 * generated decoder requires; unknown fields are skipped. A series with no samples is ignored
 * without looking at its labels.
 */
final class WriteRequestDecoder {
  private final SeriesCache cache;
  private final LabelsDecoder labels;
  private final ByteKey probe = new ByteKey();

  /** Per label of the current series: tag offset, payload offset, payload end. */
  private int[] ranges = new int[3 * 16];

  private byte[] scratch = new byte[256];

  WriteRequestDecoder(SeriesCache cache, LabelsDecoder labels) {
    this.cache = cache;
    this.labels = labels;
  }

  /**
   * Decodes {@code buf[0, length)} into {@code batch}, which must be empty.
   *
   * @throws RemoteWriteException.Malformed when it is not a valid {@code WriteRequest}
   */
  void decode(byte[] buf, int length, WriteBatch batch) {
    WireReader r = new WireReader(buf, 0, length);
    try {
      while (r.next()) {
        switch (r.field()) {
          case 1 -> {
            r.expect(LENGTH_DELIMITED, "WriteRequest.timeseries");
            int outer = r.enter();
            timeSeries(r, batch);
            r.exit(outer);
          }
          case 3 -> {
            r.expect(LENGTH_DELIMITED, "WriteRequest.metadata");
            r.skip();
          }
          default -> r.skip();
        }
      }
    } catch (WireFormatException e) {
      throw new RemoteWriteException.Malformed("proto: " + e.getMessage());
    }
  }

  private void timeSeries(WireReader r, WriteBatch batch) {
    int labelCount = 0;
    int firstSample = batch.sampleCount();
    for (int at = r.position(); r.next(); at = r.position()) {
      switch (r.field()) {
        case 1 -> {
          r.expect(LENGTH_DELIMITED, "TimeSeries.labels");
          int n = r.length();
          int payload = r.position();
          r.seek(payload + n);
          addRange(labelCount++, at, payload, payload + n);
        }
        case 2 -> {
          r.expect(LENGTH_DELIMITED, "TimeSeries.samples");
          int outer = r.enter();
          sample(r, batch);
          r.exit(outer);
        }
        case 3 -> {
          r.expect(LENGTH_DELIMITED, "TimeSeries.exemplars");
          r.skip();
        }
        case 4 -> {
          r.expect(LENGTH_DELIMITED, "TimeSeries.histograms");
          r.skip();
        }
        default -> r.skip();
      }
    }
    if (batch.sampleCount() == firstSample) {
      return;
    }
    try {
      batch.addSeries(resolve(r.array(), labelCount));
    } catch (RemoteWriteException.InvalidSeries e) {
      batch.invalid(e);
    }
  }

  private static void sample(WireReader r, WriteBatch batch) {
    double v = 0;
    long t = 0;
    while (r.next()) {
      switch (r.field()) {
        case 1 -> {
          r.expect(FIXED64, "Sample.value");
          v = r.fixed64AsDouble();
        }
        case 2 -> {
          r.expect(VARINT, "Sample.timestamp");
          t = r.varint();
        }
        default -> r.skip();
      }
    }
    batch.addSample(t, v);
  }

  /** The cached series for the labels just read, decoding and caching them when new. */
  private SeriesCache.Entry resolve(byte[] buf, int labelCount) {
    setProbe(buf, labelCount);
    SeriesCache.Entry e = cache.get(probe);
    if (e == null) {
      e = cache.put(probe, labels.decode(buf, ranges, labelCount));
    }
    return e;
  }

  /**
   * Points the probe at the label fields' bytes: in place when they are contiguous (as every sender
   * writes them), else gathered into scratch.
   */
  private void setProbe(byte[] buf, int labelCount) {
    if (labelCount == 0) {
      probe.set(buf, 0, 0);
      return;
    }
    boolean contiguous = true;
    int total = 0;
    for (int i = 0; i < labelCount; i++) {
      total += ranges[3 * i + 2] - ranges[3 * i];
      if (i > 0 && ranges[3 * i] != ranges[3 * i - 1]) {
        contiguous = false;
      }
    }
    if (contiguous) {
      probe.set(buf, ranges[0], total);
      return;
    }
    if (scratch.length < total) {
      scratch = new byte[Math.max(total, scratch.length * 2)];
    }
    int p = 0;
    for (int i = 0; i < labelCount; i++) {
      int len = ranges[3 * i + 2] - ranges[3 * i];
      System.arraycopy(buf, ranges[3 * i], scratch, p, len);
      p += len;
    }
    probe.set(scratch, 0, total);
  }

  private void addRange(int i, int tag, int payload, int end) {
    if (3 * i + 3 > ranges.length) {
      ranges = Arrays.copyOf(ranges, ranges.length * 2);
    }
    ranges[3 * i] = tag;
    ranges[3 * i + 1] = payload;
    ranges[3 * i + 2] = end;
  }
}
