package io.moraine.rules.notify.receiver;

import static io.moraine.rules.notify.receiver.Fixtures.FIRING;
import static io.moraine.rules.notify.receiver.Fixtures.RESOLVED;
import static io.moraine.rules.notify.receiver.Fixtures.notification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.encoding.CorruptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BetterStackTest {
  @TempDir Path dir;
  final Fixtures.Env env = new Fixtures.Env();
  final RecordingHttpServer server;

  BetterStackTest() throws Exception {
    server = new RecordingHttpServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DefaultReceivers receivers(boolean sendResolved) {
    var c =
        new BetterStackConfig(
            sendResolved,
            HttpSettings.DEFAULT,
            "s3cret",
            server.uri("/api/v2/incidents"),
            "oncall@example.com",
            "SRE",
            false,
            false,
            true,
            true);
    var rc = new ReceiverConfig("team-x", List.of(), List.of(), List.of(), List.of(), List.of(c));
    return new DefaultReceivers(List.of(rc), env.options(dir));
  }

  @Test
  void createsOnceThenResolvesAfterRestart() {
    server.reply(201, "{\"data\":{\"id\":\"987\",\"type\":\"incident\",\"attributes\":{}}}");
    long deadline = env.clock.nowMillis() + 10_000;

    assertThat(receivers(true).deliver(notification("team-x", FIRING), deadline)).isTrue();
    var create = server.requests.getFirst();
    assertThat(create.path()).isEqualTo("/api/v2/incidents");
    assertThat(create.header("Authorization")).isEqualTo("Bearer s3cret");
    assertThat(create.body())
        .isEqualTo(
            "{\"requester_email\":\"oncall@example.com\",\"name\":\"[FIRING:1] HighLatency (a:9100"
                + " node page)\",\"summary\":\"[FIRING:1] HighLatency (a:9100 node page)\","
                + "\"description\":\"Labels:\\n - alertname = HighLatency\\n - instance = a:9100\\n"
                + " - job = node\\n - severity = page\\nAnnotations:\\n - runbook ="
                + " https://runbooks/latency\\n - summary = p99 \\u003e 1s \\u003cb\\u003e\\u0026\\n"
                + "Source: http://moraine:9700/graph?g0.expr=x\\n\",\"call\":false,\"sms\":false,"
                + "\"email\":true,\"push\":true,\"team_name\":\"SRE\"}\n");
    assertThat(IncidentFile.read(dir.resolve(IncidentFile.NAME))).containsValue("987");

    // a repeat notification of the open incident sends nothing
    receivers(true).deliver(notification("team-x", FIRING), deadline);
    assertThat(server.requests).hasSize(1);

    // a new instance (a restart) resolves the incident it finds in the file
    assertThat(receivers(true).deliver(notification("team-x", RESOLVED), deadline)).isTrue();
    var resolve = server.requests.get(1);
    assertThat(resolve.path()).isEqualTo("/api/v2/incidents/987/resolve");
    assertThat(resolve.body()).isEqualTo("{\"resolved_by\":\"oncall@example.com\"}\n");
    assertThat(IncidentFile.read(dir.resolve(IncidentFile.NAME))).isEmpty();
  }

  @Test
  void sendResolvedFalseLeavesTheIncidentOpen() {
    server.reply(201, "{\"data\":{\"id\":5}}");
    long deadline = env.clock.nowMillis() + 10_000;
    var r = receivers(false);
    r.deliver(notification("team-x", FIRING), deadline);
    r.deliver(notification("team-x", RESOLVED), deadline);

    assertThat(server.requests).hasSize(1);
    assertThat(IncidentFile.read(dir.resolve(IncidentFile.NAME))).containsValue("5");
  }

  @Test
  void answerWithoutIdFails() {
    server.reply(201, "{\"data\":{}}");
    assertThat(receivers(true).deliver(notification("team-x", FIRING), Long.MAX_VALUE)).isFalse();
    assertThat(env.metrics.failed("betterstack", "other").get()).isEqualTo(1);
  }

  @Test
  void corruptFileIsRefusedAndIgnored() throws Exception {
    server.reply(201, "{\"data\":{\"id\":\"1\"}}");
    receivers(true).deliver(notification("team-x", FIRING), Long.MAX_VALUE);
    Path f = dir.resolve(IncidentFile.NAME);
    byte[] b = Files.readAllBytes(f);
    b[b.length - 6] ^= 1;
    Files.write(f, b);

    assertThatThrownBy(() -> IncidentFile.read(f))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("CRC32C");
    // the receivers start empty: a resolution finds no incident and sends nothing
    assertThat(receivers(true).deliver(notification("team-x", RESOLVED), Long.MAX_VALUE)).isTrue();
    assertThat(server.requests).hasSize(1);
  }
}
