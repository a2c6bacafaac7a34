package io.moraine.ingest.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticDiscovererTest {
  @Test
  void publishesEveryGroupOnceWithItsIndexAsSource() {
    var groups =
        List.of(
            new StaticGroup(List.of("a:1", "b:2"), Map.of("env", "prod")), StaticGroup.of("c:3"));
    Updates updates = new Updates();
    try (StaticDiscoverer d = new StaticDiscoverer(groups)) {
      d.start(updates);
      await().atMost(Duration.ofSeconds(2)).until(() -> updates.calls() == 1);
      assertThat(updates.last())
          .containsExactly(
              new TargetGroup(
                  "0",
                  List.of(Labels.of("__address__", "a:1"), Labels.of("__address__", "b:2")),
                  Labels.of("env", "prod")),
              new TargetGroup("1", List.of(Labels.of("__address__", "c:3")), Labels.EMPTY));
      assertThatThrownBy(() -> d.start(updates))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("started twice");
    }
    assertThat(updates.calls()).isEqualTo(1);
  }

  @Test
  void refusesWhatPrometheusConfigLoadingRefuses() {
    assertThatThrownBy(() -> StaticGroup.of("http://a:1"))
        .hasMessage("\"http://a:1\" is not a valid hostname");
    assertThatThrownBy(() -> new StaticGroup(List.of("a:1"), Map.of("a-b", "x")))
        .hasMessage("\"a-b\" is not a valid label name");
    assertThatThrownBy(() -> new StaticGroup(List.of("a:1"), Map.of("a", "\ud800")))
        .hasMessage("invalid label value for \"a\": not valid UTF-8");
  }
}
