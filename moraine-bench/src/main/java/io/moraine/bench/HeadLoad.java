package io.moraine.bench;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.SampleRejectedException;
import io.moraine.core.storage.Storage;
import io.moraine.server.backfill.TsdbOpenMetricsImporter;
import io.moraine.server.cli.Engines;
import io.moraine.server.cli.Main;
import io.moraine.server.store.TsdbStorageOpener;
import io.moraine.testkit.data.SeriesGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole server under a scrape-like load through the Appender (until scraping lands): {@code
 * targets x seriesPerTarget} realistic series, each target's batch committed once per interval at
 * its own offset, as a scraper spreads targets. Samples the process RSS every second and prints a
 * JSON line: steady RSS (median of the second half) per active series. Runs until {@code
 * durationSeconds}, then exits.
 *
 * <p>{@code java -cp moraine-bench/target/benchmarks.jar io.moraine.bench.HeadLoad DATA_DIR
 * [targets=50] [seriesPerTarget=2000] [intervalSeconds=10] [durationSeconds=600]}
 */
public final class HeadLoad {
  private HeadLoad() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    int targets = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int perTarget = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    int interval = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int duration = args.length > 4 ? Integer.parseInt(args[4]) : 600;
    AtomicReference<Storage> store = new AtomicReference<>();
    TsdbStorageOpener opener = new TsdbStorageOpener();
    Engines engines =
        new Engines(
            (s, r) -> {
              Storage st = opener.open(s, r);
              store.set(st);
              return st;
            },
            new TsdbOpenMetricsImporter());
    Thread server =
        Thread.ofPlatform()
            .name("server")
            .daemon(true)
            .start(
                () ->
                    new Main(engines)
                        .execute(
                            "server", "--listen", "127.0.0.1:19090", "--data", data.toString()));
    while (store.get() == null) {
      Thread.sleep(100);
    }
    Thread.sleep(3000);
    long baseline = rss();
    long start = System.currentTimeMillis() / 1000;
    SeriesGenerator gen = new SeriesGenerator(42, start, interval, "farm");
    List<Labels> series = gen.series(targets, perTarget);
    Storage st = store.get();
    long[] refs = new long[series.size()];
    List<long[]> rssSamples = new ArrayList<>();
    long t0 = System.currentTimeMillis();
    int step = 0;
    long errors = 0;
    while (System.currentTimeMillis() - t0 < duration * 1000L) {
      long stepStart = t0 + step * interval * 1000L;
      for (int t = 0; t < targets; t++) {
        long due = stepStart + (long) t * interval * 1000 / targets;
        sleepUntil(due, rssSamples, t0);
        Appender a = st.appender();
        long ts = System.currentTimeMillis();
        int from = t * perTarget;
        int to = Math.min(series.size(), from + perTarget);
        for (int i = from; i < to; i++) {
          try {
            double v = gen.value(i, step);
            refs[i] = refs[i] == 0 ? a.append(series.get(i), ts, v) : a.append(refs[i], ts, v);
          } catch (SampleRejectedException e) {
            errors++;
          }
        }
        a.commit();
      }
      step++;
    }
    List<Long> secondHalf = new ArrayList<>();
    for (long[] s : rssSamples) {
      if (s[0] >= duration * 1000L / 2) {
        secondHalf.add(s[1]);
      }
    }
    Collections.sort(secondHalf);
    long steady = secondHalf.isEmpty() ? rss() : secondHalf.get(secondHalf.size() / 2);
    long peak = rssSamples.stream().mapToLong(s -> s[1]).max().orElse(0);
    System.out.printf(
        "{\"series\":%d,\"interval_s\":%d,\"duration_s\":%d,\"steps\":%d,\"rejected\":%d,"
            + "\"rss_baseline_bytes\":%d,\"rss_steady_bytes\":%d,\"rss_peak_bytes\":%d,"
            + "\"rss_bytes_per_series\":%.1f,\"rss_bytes_per_series_above_baseline\":%.1f}%n",
        series.size(),
        interval,
        duration,
        step,
        errors,
        baseline,
        steady,
        peak,
        (double) steady / series.size(),
        (double) (steady - baseline) / series.size());
    System.exit(0);
  }

  private static void sleepUntil(long due, List<long[]> rssSamples, long t0)
      throws InterruptedException, IOException {
    while (true) {
      long now = System.currentTimeMillis();
      long nextSample = t0 + (rssSamples.size() + 1) * 1000L;
      if (now >= nextSample) {
        rssSamples.add(new long[] {now - t0, rss()});
        continue;
      }
      if (now >= due) {
        return;
      }
      Thread.sleep(Math.min(due, nextSample) - now);
    }
  }

  /** Resident set size of this process from /proc/self/status. */
  static long rss() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }
}
