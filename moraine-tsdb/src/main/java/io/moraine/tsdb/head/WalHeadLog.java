package io.moraine.tsdb.head;

import io.moraine.tsdb.record.RecordBuffer;
import io.moraine.tsdb.record.SampleBatch;
import io.moraine.tsdb.record.SampleCodec;
import io.moraine.tsdb.record.SeriesBatch;
import io.moraine.tsdb.record.SeriesCodec;
import io.moraine.tsdb.wal.Wal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The head's log on the real WAL: one SERIES record (when needed) and one SAMPLES record. */
public final class WalHeadLog implements HeadLog {
  private final Wal wal;

  public WalHeadLog(Wal wal) {
    this.wal = wal;
  }

  @Override
  public void log(List<MemSeries> series, int[] refs, long[] ts, double[] vs, int n) {
    RecordBuffer samples = new RecordBuffer(n * 6 + 16);
    SampleBatch batch = new SampleBatch(n);
    for (int i = 0; i < n; i++) {
      batch.add(refs[i], ts[i], vs[i]);
    }
    SampleCodec.encode(batch, samples);
    try {
      if (series.isEmpty()) {
        wal.log(samples.asByteBuffer());
      } else {
        SeriesBatch sb = new SeriesBatch();
        for (MemSeries s : series) {
          sb.add(s.id, s.labels);
        }
        RecordBuffer rec = new RecordBuffer(series.size() * 64);
        SeriesCodec.encode(sb, rec);
        wal.log(rec.asByteBuffer(), samples.asByteBuffer());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the WAL in " + wal.dir(), e);
    }
  }
}
