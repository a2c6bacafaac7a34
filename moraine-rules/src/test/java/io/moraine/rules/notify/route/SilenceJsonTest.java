package io.moraine.rules.notify.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Matcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class SilenceJsonTest {
  private static final long T0 = 1_700_000_000_000L;

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SilenceJsonTest.class.getResourceAsStream("/notify/route/" + name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    }
  }

  @Test
  void readsPostableSilence() throws IOException {
    Silence s = SilenceJson.readPostable(resource("postable-silence.json"));
    assertThat(s.id()).isEmpty();
    assertThat(s.matchers())
        .containsExactly(
            Matcher.eq("alertname", "Disk"),
            Matcher.nre("instance", "db-.*"),
            Matcher.neq("env", "dev"));
    assertThat(s.startsAtMillis()).isEqualTo(T0);
    assertThat(s.endsAtMillis()).isEqualTo(T0 + 7_200_000 + 500);
    assertThat(s.createdBy()).isEqualTo("ops");
    assertThat(s.comment()).isEqualTo("disk \"swap\"");
  }

  @Test
  void writesGettableSilencesAsAlertmanager() throws IOException {
    Silence s = SilenceJson.readPostable(resource("postable-silence.json"));
    Silence stored = s.with("0b9a4c2e-6a43-4f4e-9a0f-7e7c1c2d3e4f", T0, s.endsAtMillis(), T0);
    String got =
        new String(SilenceJson.writeGettables(List.of(stored), T0 + 1000), StandardCharsets.UTF_8);
    assertThat(got)
        .isEqualTo(new String(resource("gettable-silences.json"), StandardCharsets.UTF_8).strip());
    assertThat(new String(SilenceJson.writeSilenceId("x"), StandardCharsets.UTF_8))
        .isEqualTo("{\"silenceID\":\"x\"}");
  }

  @Test
  void refusesBadBodies() {
    assertThatThrownBy(() -> read("{\"matchers\":[],\"startsAt\":\"2023-11-14T22:13:20Z\"}"))
        .isInstanceOf(InvalidSilenceException.class)
        .hasMessage("endsAt in body is required");
    assertThatThrownBy(() -> read("{\"startsAt\":\"yesterday\"}"))
        .hasMessage("startsAt in body must be of type date-time: \"yesterday\"");
    assertThatThrownBy(
            () -> read("{\"matchers\":[{\"name\":\"a\",\"value\":\"(\",\"isRegex\":true}]}"))
        .hasMessageStartingWith(
            "silence invalid: invalid label matcher 0: invalid regular expression \"(\"");
    assertThatThrownBy(() -> read("{\"matchers\":[{\"name\":\"a\",\"value\":\"b\"}]}"))
        .hasMessage("matchers.isRegex in body is required");
    assertThatThrownBy(() -> read("{")).hasMessageStartingWith("invalid JSON");
  }

  private static Silence read(String json) {
    return SilenceJson.readPostable(json.getBytes(StandardCharsets.UTF_8));
  }
}
