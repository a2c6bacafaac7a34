package io.moraine.apptest;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Matcher;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.core.time.Clock;
import io.moraine.tsdb.Tsdb;
import io.moraine.tsdb.TsdbOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged sample survives kill -9 of the process that wrote it. */
class KillNineTest {
  @TempDir Path dir;

  @Test
  void everyAcknowledgedSampleSurvivesKillMinusNine() throws Exception {
    Map<Integer, Long> first = runAndKill("0", 3_000);
    verify("0", first);
    // The second run recovers the first one's data, appends more and is killed again.
    Map<Integer, Long> second = runAndKill("1", 2_000);
    verify("0", first);
    verify("1", second);
  }

  private void verify(String run, Map<Integer, Long> acked) throws Exception {
    assertThat(acked).hasSize(IngestChild.THREADS);
    try (Tsdb db = Tsdb.open(dir, TsdbOptions.DEFAULT, Clock.SYSTEM, new MetricRegistry());
        Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set =
          q.select(
              true, SelectHints.NONE, Matcher.eq("__name__", "kill_test"), Matcher.eq("run", run));
      int series = 0;
      SampleIterator it = null;
      while (set.next()) {
        series++;
        int worker = Integer.parseInt(set.at().labels().getOrEmpty("w"));
        long ackedUpTo = acked.getOrDefault(worker, 0L);
        it = set.at().iterator(it);
        long expect = 1;
        while (expect <= ackedUpTo && it.next()) {
          assertThat(it.atT()).isEqualTo(expect * 1000);
          assertThat(it.atV()).isEqualTo((double) expect);
          expect++;
        }
        assertThat(expect - 1)
            .as("samples of %s up to the last acknowledged batch", set.at().labels())
            .isEqualTo(ackedUpTo);
      }
      assertThat(series).isEqualTo(IngestChild.THREADS * IngestChild.SERIES);
    }
  }

  /** Starts the child, waits for {@code minAcks} acknowledged batches, kills it with SIGKILL. */
  private Map<Integer, Long> runAndKill(String run, int minAcks) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            IngestChild.class.getName(),
            dir.toString(),
            run);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    Map<Integer, Long> acked = new HashMap<>();
    int acks = 0;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(" ");
        if (f.length == 3 && f[0].equals("ACK")) {
          acked.merge(Integer.parseInt(f[1]), Long.parseLong(f[2]), Math::max);
          if (++acks >= minAcks) {
            // SIGKILL mid-ingest: other threads are inside commit right now
            p.destroyForcibly();
            break;
          }
        }
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(acks).as("acknowledged batches before the kill").isGreaterThanOrEqualTo(minAcks);
    return acked;
  }
}
