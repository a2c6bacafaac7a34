package io.moraine.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.testkit.storage.RecordingAppendable;
import io.moraine.testkit.storage.RecordingAppendable.Batch;
import io.moraine.testkit.storage.RecordingAppendable.Sample;
import io.moraine.testkit.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushRegistryTest {
  private static final long T0 = 1_700_000_000_000L;
  private final RecordingAppendable store = new RecordingAppendable();
  private final ManualClock clock = new ManualClock(T0);
  private final PushRegistry reg = PushRegistry.open(PushOptions.DEFAULT, store, clock);
  private final GroupingKey key = GroupingKey.of("batch", Map.of("instance", "host1"));

  private static PushBody text(String s) {
    return PushBody.decode(s.getBytes(StandardCharsets.UTF_8), "text/plain; version=0.0.4");
  }

  private List<Sample> lastBatch() {
    List<Batch> b = store.batches();
    return b.get(b.size() - 1).samples();
  }

  private static Sample find(List<Sample> batch, String... labels) {
    Labels want = Labels.of(labels);
    return batch.stream().filter(s -> s.labels().equals(want)).findFirst().orElseThrow();
  }

  @Test
  void putStoresSamplesWithTheGroupingLabelsAndPushTime() {
    reg.push(key, text("# TYPE a counter\na{instance=\"x\",k=\"v\"} 1\nb 2\n"), true);
    List<Sample> batch = lastBatch();
    // the grouping key overrides the body's instance
    assertThat(find(batch, "__name__", "a", "instance", "host1", "job", "batch", "k", "v").v())
        .isEqualTo(1);
    assertThat(find(batch, "__name__", "b", "instance", "host1", "job", "batch").t()).isEqualTo(T0);
    assertThat(
            find(batch, "__name__", "push_time_seconds", "instance", "host1", "job", "batch").v())
        .isEqualTo(T0 / 1000.0);
    assertThat(
            find(
                    batch,
                    "__name__",
                    "push_failure_time_seconds",
                    "instance",
                    "host1",
                    "job",
                    "batch")
                .v())
        .isZero();
    assertThat(reg.size()).isEqualTo(1);
  }

  @Test
  void putReplacesTheGroupAndMarksDroppedSeriesStale() {
    reg.push(key, text("a 1\nb 2\n"), true);
    clock.advanceMillis(1000);
    reg.push(key, text("a 3\n"), true);
    List<Sample> batch = lastBatch();
    assertThat(find(batch, "__name__", "a", "instance", "host1", "job", "batch").v()).isEqualTo(3);
    Sample b = find(batch, "__name__", "b", "instance", "host1", "job", "batch");
    assertThat(StaleNaN.isStale(b.v())).isTrue();
    assertThat(b.t()).isEqualTo(T0 + 1000);
    assertThat(reg.groups().get(0).families()).containsOnlyKeys("a");
  }

  @Test
  void postReplacesOnlyFamiliesOfTheSameName() {
    reg.push(key, text("a{x=\"1\"} 1\nb 2\n"), true);
    reg.push(key, text("a{x=\"2\"} 5\n"), false);
    List<Sample> batch = lastBatch();
    assertThat(find(batch, "__name__", "b", "instance", "host1", "job", "batch").v()).isEqualTo(2);
    assertThat(find(batch, "__name__", "a", "instance", "host1", "job", "batch", "x", "2").v())
        .isEqualTo(5);
    assertThat(
            StaleNaN.isStale(
                find(batch, "__name__", "a", "instance", "host1", "job", "batch", "x", "1").v()))
        .isTrue();
    assertThat(reg.groups().get(0).families()).containsOnlyKeys("a", "b");
  }

  @Test
  void histogramSeriesFormOneFamily() {
    reg.push(
        key,
        text(
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n"),
        true);
    assertThat(reg.groups().get(0).families()).containsOnlyKeys("h");
    assertThat(java.util.Objects.requireNonNull(reg.groups().get(0).families().get("h")).samples())
        .hasSize(4);
  }

  @Test
  void deleteMarksEverySeriesStaleAndForgetsTheGroup() {
    reg.push(key, text("a 1\n"), true);
    clock.advanceMillis(5);
    assertThat(reg.delete(key)).isTrue();
    List<Sample> batch = lastBatch();
    assertThat(batch).hasSize(3).allMatch(s -> StaleNaN.isStale(s.v()) && s.t() == T0 + 5);
    assertThat(reg.size()).isZero();
    assertThat(reg.delete(key)).isFalse();
  }

  @Test
  void refreshReappendsEveryGroupAtNow() {
    reg.push(key, text("a 1\n"), true);
    reg.push(GroupingKey.of("other", Map.of()), text("c 7\n"), true);
    clock.advanceMillis(15_000);
    reg.refresh();
    List<Sample> batch = lastBatch();
    assertThat(batch).hasSize(6).allMatch(s -> s.t() == T0 + 15_000);
    assertThat(find(batch, "__name__", "c", "job", "other").v()).isEqualTo(7);
  }

  @Test
  void timestampsAreRejectedAndSetTheFailureTime() {
    assertThatThrownBy(() -> reg.push(key, text("a 1 1000\n"), true))
        .isInstanceOf(PushRejectedException.class)
        .hasMessage(
            "pushed metrics are invalid or inconsistent with existing metrics:"
                + " pushed metrics must not have timestamps");
    PushGroup g = reg.groups().get(0);
    assertThat(g.families()).isEmpty();
    assertThat(g.failureTimeMillis()).isEqualTo(T0);
    assertThat(g.pushTimeMillis()).isZero();
  }

  @Test
  void aTypeClashWithAnotherGroupIsRejectedAndKeepsTheOldState() {
    reg.push(GroupingKey.of("j1", Map.of()), text("# TYPE m counter\nm 1\n"), true);
    clock.advanceMillis(1000);
    reg.push(key, text("ok 1\n"), true);
    assertThatThrownBy(() -> reg.push(key, text("# TYPE m gauge\nm 2\n"), false))
        .isInstanceOf(PushRejectedException.class)
        .hasMessage(
            "pushed metrics are invalid or inconsistent with existing metrics: 1 error(s)"
                + " occurred:\n* [from Gatherer #2] collected metric \"m\" {"
                + " label:{name:\"instance\" value:\"host1\"} label:{name:\"job\""
                + " value:\"batch\"} gauge:{value:2}} is not a COUNTER");
    PushGroup g = reg.groups().get(0).key().equals(key) ? reg.groups().get(0) : reg.groups().get(1);
    assertThat(g.families()).containsOnlyKeys("ok");
    assertThat(g.pushTimeMillis()).isEqualTo(T0 + 1000);
    assertThat(g.failureTimeMillis()).isEqualTo(T0 + 1000);
    // the same name and type in another group is fine
    reg.push(key, text("# TYPE m counter\nm 2\n"), false);
    assertThat(reg.size()).isEqualTo(2);
  }

  @Test
  void duplicateSeriesAreRejected() {
    assertThatThrownBy(() -> reg.push(key, text("a{x=\"1\"} 1\na{x=\"1\"} 2\n"), true))
        .hasMessageContaining("1 error(s) occurred:\n* [from Gatherer #2] collected metric \"a\"")
        .hasMessageContaining("was collected before with the same name and label values");
    // grouping labels override the body's, which can make two series one
    assertThatThrownBy(
            () -> reg.push(key, text("b{instance=\"p\"} 1\nb{instance=\"q\"} 2\n"), true))
        .hasMessageContaining("was collected before with the same name and label values");
  }

  @Test
  void persistenceRoundTrip(@TempDir Path dir) {
    Path file = dir.resolve("push-groups");
    PushOptions o = PushOptions.DEFAULT.withPersistenceFile(file);
    try (PushRegistry a = PushRegistry.open(o, store, clock)) {
      a.push(key, text("# HELP a Help.\n# TYPE a gauge\na{x=\"1\"} 1.5\nb NaN\n"), true);
      a.push(GroupingKey.of("j", Map.of("empty", "")), text("c 3\n"), true);
    }
    PushRegistry b = PushRegistry.open(o, store, clock);
    assertThat(b.groups()).hasSize(2);
    PushGroup g = b.groups().get(1); // sorted by key: {empty=, job=j} first
    assertThat(g.key()).isEqualTo(key);
    assertThat(g.pushTimeMillis()).isEqualTo(T0);
    MetricFamily a = java.util.Objects.requireNonNull(g.families().get("a"));
    assertThat(a.help()).isEqualTo("Help.");
    assertThat(a.type()).isEqualTo(FamilyType.GAUGE);
    assertThat(a.samples())
        .containsExactly(
            new PushedSample(
                Labels.of("__name__", "a", "instance", "host1", "job", "batch", "x", "1"), 1.5));
    assertThat(b.groups().get(0).key().labels()).containsEntry("empty", "");
    clock.advanceMillis(15_000);
    b.refresh();
    assertThat(lastBatch()).hasSize(7);
  }

  @Test
  void aCorruptFileIsAWarningAndAnEmptyStart(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("push-groups");
    PushOptions o = PushOptions.DEFAULT.withPersistenceFile(file);
    try (PushRegistry a = PushRegistry.open(o, store, clock)) {
      a.push(key, text("a 1\n"), true);
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 6] ^= 0x55;
    Files.write(file, bytes);
    assertThatThrownBy(() -> GroupFile.read(file)).hasMessageContaining("checksum mismatch");
    PushRegistry b = PushRegistry.open(o, store, clock);
    assertThat(b.size()).isZero();
    b.push(key, text("z 1\n"), true);
    b.close(); // replaces the bad file
    assertThat(GroupFile.read(file)).hasSize(1);
    Files.write(file, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> GroupFile.read(file)).hasMessageContaining("too short");
  }
}
