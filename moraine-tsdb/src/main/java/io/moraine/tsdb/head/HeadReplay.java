package io.moraine.tsdb.head;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.tsdb.record.RecordType;
import io.moraine.tsdb.record.SampleBatch;
import io.moraine.tsdb.record.SampleCodec;
import io.moraine.tsdb.record.SeriesBatch;
import io.moraine.tsdb.record.SeriesCodec;
import io.moraine.tsdb.wal.Wal;
import io.moraine.tsdb.wal.WalReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the head at start-up: the newest checkpoint, then every later WAL segment. Full chunks
 * found in chunks_head/ are attached when their series appears; WAL samples they already hold are
 * skipped by the series' own newest-time check.
 */
public final class HeadReplay {
  private static final Logger LOG = LoggerFactory.getLogger(HeadReplay.class);

  private HeadReplay() {}

  /** What replay found. */
  public record Result(
      long series, long samples, long skipped, long unknownRefs, boolean repaired) {}

  /**
   * Replays {@code wal}'s directory into {@code head}.
   *
   * @param mmapped full head chunks per series ref: triples (ref, mint, maxt), ascending
   */
  public static Result replay(Head head, Wal wal, Map<Integer, long[]> mmapped) throws IOException {
    Path dir = wal.dir();
    SeriesBatch series = new SeriesBatch();
    SampleBatch samples = new SampleBatch();
    long nSeries = 0;
    long nSamples = 0;
    long skipped = 0;
    long unknown = 0;
    boolean repaired = false;
    try (WalReader r = WalReader.replay(dir)) {
      while (true) {
        try {
          if (!r.next()) {
            break;
          }
        } catch (CorruptionException e) {
          LOG.atWarn()
              .addKeyValue("file", e.file())
              .addKeyValue("offset", e.offset())
              .addKeyValue("err", e.getMessage())
              .log("WAL corrupt, cutting it at the last good record");
          wal.repair(e);
          repaired = true;
          break;
        }
        switch (r.type()) {
          case RecordType.SERIES -> {
            SeriesCodec.decode(r.record(), series);
            for (int i = 0; i < series.size(); i++) {
              int ref = series.ref(i);
              boolean fresh = !head.hasSeries(ref);
              head.replaySeries(ref, series.labels(i));
              long[] mm = fresh ? mmapped.remove(ref) : null;
              if (mm != null) {
                for (int k = 0; k + 2 < mm.length; k += 3) {
                  head.attachMmapped(ref, mm[k], mm[k + 1], mm[k + 2]);
                }
              }
              nSeries++;
            }
          }
          case RecordType.SAMPLES -> {
            SampleCodec.decode(r.record(), samples);
            for (int i = 0; i < samples.size(); i++) {
              if (head.replaySample(samples.ref(i), samples.t(i), samples.v(i))) {
                nSamples++;
              } else if (!head.hasSeries(samples.ref(i))) {
                unknown++;
              } else {
                skipped++;
              }
            }
          }
          default -> LOG.atWarn().addKeyValue("type", r.type()).log("skipping unknown WAL record");
        }
      }
    }
    LOG.atInfo()
        .addKeyValue("series", nSeries)
        .addKeyValue("samples", nSamples)
        .addKeyValue("skipped", skipped)
        .addKeyValue("unknown_refs", unknown)
        .log("WAL replayed");
    return new Result(nSeries, nSamples, skipped, unknown, repaired);
  }
}
