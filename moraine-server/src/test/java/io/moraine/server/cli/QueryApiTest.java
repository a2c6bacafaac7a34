package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.server.backfill.ImportResult;
import io.moraine.server.store.InMemoryStorage;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code moraine query} against a running {@code moraine server}: instant and range results as
 * tables. Needs the PromQL parser and engine; fails until they land.
 */
class QueryApiTest {
  private static TestServer server;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void start() throws InterruptedException {
    server = TestServer.start("--query.lookback-delta=1m");
    for (long t = 0; t <= 60_000; t += 15_000) {
      server.append(t, 1, "__name__", "up", "job", "node", "instance", "a");
      server.append(t, t / 15_000.0, "__name__", "up", "job", "api", "instance", "long-name");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private int run(String... args) {
    Main main =
        new Main(
            new Engines(
                (s, r) -> new InMemoryStorage(), (f, d, p) -> new ImportResult(0, 0, 0, 0, 0)),
            action -> {},
            rt -> {},
            () -> false);
    return main.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void instantQueryPrintsOneLinePerSeries() {
    assertThat(run("query", "up", "--time", "30", "--server", server.url()))
        .as("stderr: %s", err)
        .isZero();
    assertThat(out.toString().lines())
        .containsExactly(
            "up{instance=\"a\", job=\"node\"}         1",
            "up{instance=\"long-name\", job=\"api\"}  2");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void rangeQueryPrintsPoints() {
    assertThat(
            run(
                "query",
                "up{job=\"api\"} * 2",
                "--start",
                "1970-01-01T00:00:00Z",
                "--end",
                "30",
                "--step",
                "15s",
                "--server",
                server.url()))
        .as("stderr: %s", err)
        .isZero();
    assertThat(out.toString())
        .isEqualTo("{instance=\"long-name\", job=\"api\"}  0=0 15=2 30=4" + System.lineSeparator());
  }

  @Test
  void aScalar() {
    assertThat(run("query", "1 + 0.5", "--server", server.url())).isZero();
    assertThat(out.toString()).isEqualTo("1.5" + System.lineSeparator());
  }

  @Test
  void theLookbackDeltaFlagReachesTheEngine() {
    assertThat(run("query", "up", "--time", "121", "--server", server.url())).isZero();
    assertThat(out.toString()).as("last sample at 60s, lookback 1m").isEmpty();
  }
}
