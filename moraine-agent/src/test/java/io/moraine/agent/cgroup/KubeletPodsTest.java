package io.moraine.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.testkit.time.ManualClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeletPodsTest {
  static final String UID = "1f0c9d6e-0001-4a7b-9c1d-000000000001";
  static final String NGINX = "a1".repeat(32);

  @TempDir Path tmp;

  private KubeletPods pods(PodListServer server, String token, ManualClock clock) throws Exception {
    Path file = tmp.resolve("token");
    Files.writeString(file, token);
    return new KubeletPods(
        new KubeletPods.Options(
            server.uri(),
            file,
            null,
            false,
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5)),
        clock);
  }

  @Test
  void looksUpPodsAndContainersWithTheBearerToken() throws Exception {
    try (PodListServer server =
        new PodListServer(ContainerCollectorTest.fixture("v1-cgroupfs").resolve("pods.json"))) {
      KubeletPods pods = pods(server, PodListServer.TOKEN, new ManualClock(0));
      assertThat(pods.pod(UID)).isEqualTo(new PodDirectory.Pod(UID, "shop", "web-7d9f"));
      PodDirectory.Container c = pods.container(NGINX);
      assertThat(c)
          .isEqualTo(
              new PodDirectory.Container(
                  new PodDirectory.Pod(UID, "shop", "web-7d9f"),
                  "nginx",
                  "docker.io/library/nginx:1.25"));
      assertThat(pods.container("ff".repeat(32))).isNull();
      assertThat(server.requests.get()).isEqualTo(1);
    }
  }

  @Test
  void refreshesEveryThirtySecondsAndEarlyForUnknownPodsAtMostEveryFive() throws Exception {
    try (PodListServer server =
        new PodListServer(ContainerCollectorTest.fixture("v1-cgroupfs").resolve("pods.json"))) {
      ManualClock clock = new ManualClock(0);
      KubeletPods pods = pods(server, PodListServer.TOKEN, clock);
      assertThat(pods.pod("unknown")).isNull();
      assertThat(server.requests.get()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(2));
      assertThat(pods.pod("unknown")).isNull();
      assertThat(pods.pod(UID)).isNotNull();
      assertThat(server.requests.get()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(4));
      server.body.set(
          "{\"items\":[{\"metadata\":{\"uid\":\"unknown\",\"name\":\"n\",\"namespace\":\"x\"}}]}"
              .getBytes(StandardCharsets.UTF_8));
      assertThat(pods.pod("unknown")).isEqualTo(new PodDirectory.Pod("unknown", "x", "n"));
      assertThat(server.requests.get()).isEqualTo(2);
      clock.advance(Duration.ofSeconds(10));
      assertThat(pods.container(NGINX)).isNull();
      assertThat(server.requests.get()).isEqualTo(2);
      clock.advance(Duration.ofSeconds(21));
      pods.container(NGINX);
      assertThat(server.requests.get()).isEqualTo(3);
    }
  }

  @Test
  void aRejectedFetchKeepsTheLastGoodList() throws Exception {
    try (PodListServer server =
        new PodListServer(ContainerCollectorTest.fixture("v1-cgroupfs").resolve("pods.json"))) {
      ManualClock clock = new ManualClock(0);
      KubeletPods pods = pods(server, PodListServer.TOKEN, clock);
      assertThat(pods.pod(UID)).isNotNull();
      Files.writeString(tmp.resolve("token"), "wrong");
      clock.advance(Duration.ofSeconds(31));
      assertThat(pods.pod(UID)).isNotNull();
      assertThat(pods.failures()).isEqualTo(1);
      assertThat(pods.fetches()).isEqualTo(2);
    }
  }

  @Test
  void unauthorisedFromTheStartKnowsNothing() throws Exception {
    try (PodListServer server =
        new PodListServer(ContainerCollectorTest.fixture("v1-cgroupfs").resolve("pods.json"))) {
      KubeletPods pods = pods(server, "nope", new ManualClock(0));
      assertThat(pods.pod(UID)).isNull();
      assertThat(pods.failures()).isEqualTo(1);
    }
  }

  @Test
  void parserReadsInitContainersAndRejectsNonObjects() throws Exception {
    String json =
        "{\"kind\":\"PodList\",\"items\":[{\"metadata\":{\"uid\":\"u\",\"name\":\"p\",\"namespace\":\"n\"},"
            + "\"spec\":{\"initContainers\":[{\"name\":\"init\",\"image\":\"busybox\"}]},"
            + "\"status\":{\"initContainerStatuses\":[{\"name\":\"init\",\"containerID\":\"cri-o://abc\"}]}}]}";
    PodListParser.Snapshot s =
        PodListParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(s.byId().get("abc"))
        .isEqualTo(
            new PodDirectory.Container(new PodDirectory.Pod("u", "n", "p"), "init", "busybox"));
    assertThatThrownBy(
            () ->
                PodListParser.parse(
                    new ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("PodList: expected START_OBJECT");
  }
}
