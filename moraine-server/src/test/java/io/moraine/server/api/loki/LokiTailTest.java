package io.moraine.server.api.loki;

import static io.moraine.server.api.loki.LokiQueryApiTest.q;
import static io.moraine.server.api.loki.LokiTestServer.NOW_NANOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.moraine.core.labels.Labels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@code /loki/api/v1/tail} with the JDK's WebSocket client. */
class LokiTailTest {
  private static final long S = 1_000_000_000L;

  /** Collects whole text frames. */
  static final class Frames implements WebSocket.Listener {
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public @Nullable CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    JsonNode next() throws Exception {
      String f = frames.poll(5, TimeUnit.SECONDS);
      assertThat(f).as("a frame within 5s").isNotNull();
      return LokiTestServer.JSON.readTree(f);
    }
  }

  @Test
  void sendsHistoryThenNewEntries() throws Exception {
    LokiApiOptions options =
        new LokiApiOptions(5000, Duration.ofMinutes(1), "dev", Duration.ofMillis(50));
    try (LokiTestServer server = new LokiTestServer(options)) {
      Labels app = Labels.of("app", "api");
      server.logs.add("t1", app, NOW_NANOS - 2 * S, "old line");
      server.logs.add("t1", Labels.of("app", "other"), NOW_NANOS - S, "not selected");
      server.logs.add("t2", app, NOW_NANOS - S, "other tenant");
      Frames frames = new Frames();
      URI uri =
          URI.create(
              "ws://127.0.0.1:"
                  + server.port()
                  + "/loki/api/v1/tail?query="
                  + q("{app=\"api\"}")
                  + "&start="
                  + (NOW_NANOS - 10 * S));
      WebSocket ws =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .header("X-Scope-OrgID", "t1")
              .buildAsync(uri, frames)
              .get(5, TimeUnit.SECONDS);
      try {
        JsonNode first = frames.next();
        assertThat(first.has("dropped_entries")).isFalse();
        assertThat(first.at("/streams/0/stream/app").asText()).isEqualTo("api");
        assertThat(first.at("/streams/0/values/0/0").asText())
            .isEqualTo(Long.toString(NOW_NANOS - 2 * S));
        assertThat(first.at("/streams/0/values/0/1").asText()).isEqualTo("old line");
        assertThat(first.get("streams")).hasSize(1);

        server.nowMillis.addAndGet(1000);
        server.logs.add("t1", app, NOW_NANOS + S / 2, "new line");
        JsonNode second = frames.next();
        assertThat(second.at("/streams/0/values")).hasSize(1);
        assertThat(second.at("/streams/0/values/0/1").asText()).isEqualTo("new line");
        assertThat(frames.frames.poll(300, TimeUnit.MILLISECONDS))
            .as("nothing is sent twice")
            .isNull();
      } finally {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void badParametersAreRefusedBeforeTheUpgrade() {
    try (LokiTestServer server = new LokiTestServer()) {
      URI uri =
          URI.create(
              "ws://127.0.0.1:"
                  + server.port()
                  + "/loki/api/v1/tail?query="
                  + q("{app=\"api\"}")
                  + "&delay_for=6");
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .newWebSocketBuilder()
                      .buildAsync(uri, new Frames())
                      .get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(
              WebSocketHandshakeException.class,
              e -> {
                assertThat(e.getResponse().statusCode()).isEqualTo(400);
                assertThat(e.getResponse().body().toString())
                    .isEqualTo("delay_for can't be greater than 5\n");
              });
      var plain = server.get("/loki/api/v1/tail?query=" + q("{app=\"api\"}") + "&limit=-1");
      assertThat(plain.statusCode()).isEqualTo(400);
      assertThat(plain.body()).isEqualTo("limit must be a positive value\n");
    }
  }
}
