package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.server.backfill.ImportResult;
import io.moraine.server.store.InMemoryStorage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code moraine query}: argument errors, an unreachable server, errors answered by a server. */
class QueryCommandTest {
  private static TestServer server;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void start() throws InterruptedException {
    server = TestServer.start();
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

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "query | moraine: Missing required parameter: 'EXPR'",
        "query,up,--time,1,--start,0 | moraine: --time cannot be combined with --start, --end or"
            + " --step",
        "query,up,--time,yesterday | moraine: invalid --time: cannot parse \"yesterday\" to a"
            + " valid timestamp",
        "query,up,--start,x | moraine: invalid --start: cannot parse \"x\" to a valid timestamp",
        "query,up,--end,2015-07-01 | moraine: invalid --end: cannot parse \"2015-07-01\" to a"
            + " valid timestamp",
        "query,up,--step,1x | moraine: invalid --step: cannot parse \"1x\" to a valid duration",
        "query,up,--server,ftp://host:1 | moraine: invalid --server \"ftp://host:1\": expected"
            + " http://host:port or https://host:port",
        "query,up,--server,http://a b | moraine: invalid --server \"http://a b\": Illegal"
            + " character in authority",
        "query,up,--frobnicate | moraine: Unknown option: '--frobnicate'",
        "query,up,down | moraine: Unmatched argument at index 2: 'down'",
      })
  void argumentErrorsAreExit2(String args, String message) {
    assertThat(run(args.split(","))).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(message + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void anUnreachableServerIsExit1WithOneLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    assertThat(run("query", "up", "--server", url)).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("moraine: cannot reach " + url + ": ")
        .endsWith(System.lineSeparator())
        .hasLineCount(1)
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void aServerRefusalIsExit2WithItsMessage() {
    assertThat(run("query", "up", "--start", "2", "--end", "1", "--server", server.url()))
        .isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "moraine: invalid parameter \"end\": end timestamp must not be before start time"
                + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void tooManyPointsIsRefusedByTheServer() {
    assertThat(
            run(
                "query",
                "up",
                "--start",
                "0",
                "--end",
                "100000",
                "--step",
                "1s",
                "--server",
                server.url() + "/"))
        .isEqualTo(2);
    assertThat(err.toString()).startsWith("moraine: exceeded maximum resolution of 11,000 points");
  }

  @Test
  void aBadExpressionIsExit2WithTheParseError() {
    assertThat(run("query", "1 +", "--server", server.url())).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("moraine: invalid parameter \"query\": 1:")
        .contains(": parse error: ");
  }

  @Test
  void aUrlThatIsNotTheApiIsAnHttpError() {
    assertThat(run("query", "up", "--server", server.url() + "/no/such/prefix")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "moraine: server answered HTTP 404: 404 page not found" + System.lineSeparator());
  }
}
