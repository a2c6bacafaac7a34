package io.moraine.tsdb;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.core.time.Clock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the store's tests. */
final class TsdbTestSupport {
  static final long H = 3_600_000;

  private TsdbTestSupport() {}

  /** Options for tests: no background work (tests call compact/applyRetention themselves). */
  static TsdbOptions options() {
    return new TsdbOptions(2 * H, 0, 0, 1 << 20, 0, 3_600_000);
  }

  static Tsdb open(Path dir, TsdbOptions o, MetricRegistry r) {
    try {
      return Tsdb.open(dir, o, Clock.SYSTEM, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends {@code n} samples per series every {@code step} ms from {@code start}. */
  static void fill(Tsdb db, int series, long start, long step, int n) {
    for (int i = 0; i < n; i++) {
      Appender a = db.appender();
      for (int s = 0; s < series; s++) {
        a.append(Labels.of("__name__", "m", "s", Integer.toString(s)), start + i * step, s + i);
      }
      a.commit();
    }
  }

  /** All samples of every series as "labels -> [t=v, ...]". */
  static Map<String, List<String>> dump(Tsdb db, long mint, long maxt) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (Querier q = db.querier(mint, maxt)) {
      SeriesSet set = q.select(true, SelectHints.NONE, Matcher.re("__name__", ".+"));
      SampleIterator it = null;
      while (set.next()) {
        List<String> samples = new ArrayList<>();
        it = set.at().iterator(it);
        while (it.next()) {
          samples.add(it.atT() + "=" + it.atV());
        }
        out.put(set.at().labels().toString(), samples);
      }
    }
    return out;
  }

  static long countSamples(Tsdb db) {
    long n = 0;
    for (List<String> s : dump(db, Long.MIN_VALUE, Long.MAX_VALUE).values()) {
      n += s.size();
    }
    return n;
  }

  static String metrics(MetricRegistry r) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try {
      var w = new io.moraine.core.exposition.TextWriter(bos);
      r.writeTo(w);
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bos.toString(StandardCharsets.UTF_8);
  }
}
