package io.moraine.apptest;

import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appender;
import io.moraine.core.time.Clock;
import io.moraine.tsdb.Tsdb;
import io.moraine.tsdb.TsdbOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link KillNineTest}: appends batches to a store through the Appender from
 * several threads and prints {@code ACK <thread> <batch>} after each commit returned. Runs until
 * killed. Batch {@code b} of thread {@code w} holds samples {@code t = b * 1000} for series {@code
 * {run, w, s}} with value {@code b}.
 */
public final class IngestChild {
  static final int SERIES = 200;
  static final int THREADS = 3;

  private IngestChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String run = args[1];
    // Small WAL segments so the test crosses segment boundaries; no background fsync needed.
    TsdbOptions o = new TsdbOptions(7_200_000, 0, 0, 256 << 10, 0, 3_600_000);
    Tsdb db = Tsdb.open(dir, o, Clock.SYSTEM, new MetricRegistry());
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    for (int w = 0; w < THREADS; w++) {
      int worker = w;
      Thread t =
          new Thread(
              () -> {
                Labels[] labels = new Labels[SERIES];
                for (int s = 0; s < SERIES; s++) {
                  labels[s] =
                      Labels.of("__name__", "kill_test", "run", run, "w", "" + worker, "s", "" + s);
                }
                for (long b = 1; ; b++) {
                  Appender a = db.appender();
                  for (int s = 0; s < SERIES; s++) {
                    a.append(labels[s], b * 1000, b);
                  }
                  a.commit();
                  synchronized (out) {
                    out.println("ACK " + worker + " " + b);
                    out.flush();
                  }
                }
              },
              "ingest-" + w);
      t.start();
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
