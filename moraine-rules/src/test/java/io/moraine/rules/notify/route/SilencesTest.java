package io.moraine.rules.notify.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.testkit.time.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SilencesTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long H = 3_600_000;

  @TempDir Path dir;
  final ManualClock clock = new ManualClock(T0);

  private Silences open() throws IOException {
    return Silences.open(dir.resolve("silences"), clock);
  }

  private static Silence silence(String id, long starts, long ends, Matcher... ms) {
    return new Silence(id, List.of(ms), starts, ends, 0, "me", "why");
  }

  @Test
  void lifecyclePendingActiveExpiredThenDropped() throws IOException {
    Silences s = open();
    String id = s.set(silence("", T0 + H, T0 + 2 * H, Matcher.eq("job", "api")));
    assertThat(s.get(id).orElseThrow().stateAt(T0)).isEqualTo(SilenceState.PENDING);
    assertThat(s.mutedBy(Labels.of("job", "api"))).isEmpty();
    clock.setMillis(T0 + H);
    assertThat(s.mutedBy(Labels.of("job", "api", "x", "y"))).containsExactly(id);
    assertThat(s.mutedBy(Labels.of("job", "web"))).isEmpty();
    clock.setMillis(T0 + H + 1000);
    s.expire(id);
    clock.setMillis(T0 + H + 1001);
    Silence expired = s.get(id).orElseThrow();
    assertThat(expired.stateAt(clock.nowMillis())).isEqualTo(SilenceState.EXPIRED);
    assertThat(expired.endsAtMillis()).isEqualTo(T0 + H + 1000);
    assertThat(expired.updatedAtMillis()).isEqualTo(T0 + H + 1000);
    assertThatThrownBy(() -> s.expire(id)).hasMessage("silence " + id + " already expired");
    assertThat(open().get(id)).contains(expired);
    clock.setMillis(T0 + H + 1000 + Silences.RETENTION.toMillis());
    assertThat(s.collectGarbage()).isZero();
    clock.advanceMillis(1);
    assertThat(s.collectGarbage()).isOne();
    assertThat(open().get(id)).isEmpty();
  }

  @Test
  void updateInPlaceOrReplace() throws IOException {
    Silences s = open();
    String id = s.set(silence("", T0, T0 + H, Matcher.eq("job", "api")));
    clock.setMillis(T0 + 1000);
    // active: the end may move, the start may not; matchers unchanged -> same id
    assertThat(s.set(silence(id, T0, T0 + 2 * H, Matcher.eq("job", "api")))).isEqualTo(id);
    assertThat(s.get(id).orElseThrow().endsAtMillis()).isEqualTo(T0 + 2 * H);
    // new matchers: the old one is expired, a new one created
    String id2 = s.set(silence(id, T0, T0 + 2 * H, Matcher.eq("job", "web")));
    assertThat(id2).isNotEqualTo(id);
    clock.advanceMillis(1);
    assertThat(s.get(id).orElseThrow().stateAt(clock.nowMillis())).isEqualTo(SilenceState.EXPIRED);
    assertThat(s.get(id2).orElseThrow().startsAtMillis()).isEqualTo(T0 + 1000);
    assertThatThrownBy(() -> s.set(silence("nope", T0, T0 + H, Matcher.eq("a", "b"))))
        .isInstanceOf(SilenceNotFoundException.class);
  }

  @Test
  void validationMessagesAreAlertmanagers() throws IOException {
    Silences s = open();
    assertThatThrownBy(() -> s.set(silence("", T0 + H, T0 + H, Matcher.eq("a", "b"))))
        .isInstanceOf(InvalidSilenceException.class)
        .hasMessage("Failed to create silence: start time must be before end time");
    assertThatThrownBy(() -> s.set(silence("", T0 - 2 * H, T0 - H, Matcher.eq("a", "b"))))
        .hasMessage("Failed to create silence: end time can't be in the past");
    assertThatThrownBy(() -> s.set(silence("", T0, T0 + H)))
        .hasMessage("silence invalid: at least one matcher required");
    assertThatThrownBy(() -> s.set(silence("", T0, T0 + H, Matcher.re("a", ".*"))))
        .hasMessage("silence invalid: at least one matcher must not match the empty string");
    assertThatThrownBy(() -> s.set(silence("", T0, T0 + H, Matcher.eq("0a", "b"))))
        .hasMessage("silence invalid: invalid label matcher 0: invalid label name \"0a\"");
    assertThat(s.list(List.of())).isEmpty();
  }

  @Test
  void listFiltersAndSortsAsAlertmanager() throws IOException {
    Silences s = open();
    String a = s.set(silence("", T0, T0 + 3 * H, Matcher.eq("job", "api")));
    String b = s.set(silence("", T0, T0 + 2 * H, Matcher.eq("job", "web"), Matcher.eq("env", "p")));
    String c = s.set(silence("", T0 + H, T0 + 2 * H, Matcher.re("job", "api|web")));
    String d = s.set(silence("", T0, T0 + H, Matcher.eq("env", "p")));
    s.expire(d);
    clock.advanceMillis(1);
    assertThat(s.list(List.of())).extracting(Silence::id).containsExactly(b, a, c, d);
    assertThat(s.list(List.of(Matcher.eq("job", "api"))))
        .extracting(Silence::id)
        .containsExactly(a);
    assertThat(s.list(List.of(Matcher.re("job", "a.*|w.*"))))
        .extracting(Silence::id)
        .containsExactly(b, a, c);
    // an empty value passes silences without that label name
    assertThat(s.list(List.of(Matcher.eq("env", ""))))
        .extracting(Silence::id)
        .containsExactly(a, c);
    assertThat(s.list(List.of(Matcher.neq("env", ""))))
        .extracting(Silence::id)
        .containsExactly(b, d);
  }

  @Test
  void corruptFileIsRefused() throws IOException {
    Silences s = open();
    s.set(silence("", T0, T0 + H, Matcher.eq("job", "api")));
    Path f = dir.resolve("silences");
    byte[] b = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(b, b.length - 3));
    assertThatThrownBy(this::open)
        .isInstanceOf(io.moraine.core.encoding.CorruptionException.class)
        .hasMessageContaining("checksum mismatch");
    Files.write(f, "MSIL".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(this::open).hasMessageContaining("too short");
  }
}
