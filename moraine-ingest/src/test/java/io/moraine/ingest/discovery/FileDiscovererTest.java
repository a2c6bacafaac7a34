package io.moraine.ingest.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.exposition.TextWriter;
import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.testkit.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiscovererTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();
  private final MetricRegistry registry = new MetricRegistry();
  private final DiscoveryMetrics metrics = new DiscoveryMetrics(registry);
  private final Updates updates = new Updates();
  private @Nullable FileDiscoverer discoverer;

  private static ConditionFactory soon() {
    return await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20));
  }

  @AfterEach
  void close() {
    if (discoverer != null) {
      discoverer.close();
    }
  }

  /** Writes beside the file and renames it into place, so the watcher never sees half a file. */
  private Path write(String name, String content) throws Exception {
    Path target = dir.resolve(name);
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(tmp, content);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  private FileDiscoverer start(String... globs) {
    List<String> files = java.util.Arrays.stream(globs).map(g -> dir + "/" + g).toList();
    FileDiscoverer d = new FileDiscoverer(new FileDiscoveryOptions(files), clock, metrics);
    discoverer = d;
    d.start(updates);
    soon().until(() -> updates.calls() >= 1);
    return d;
  }

  private String src(String name, int i) {
    return dir.resolve(name) + ":" + i;
  }

  @Test
  void firstCallCarriesJsonAndYamlGroupsOfMatchingFiles() throws Exception {
    Path a = write("a.json", "[{\"targets\": [\"a:1\"], \"labels\": {\"job\": \"j\"}}]");
    write("b.yml", "- targets: ['b:1', 'b:2']\n");
    write("c.yaml", "- targets: ['c:1']\n");
    write("d.txt", "[{\"targets\": [\"d:1\"]}]");
    start("*.json", "*.yml");
    assertThat(updates.calls()).isEqualTo(1);
    assertThat(updates.call(0))
        .contains(
            new TargetGroup(
                src("a.json", 0),
                List.of(Labels.of("__address__", "a:1")),
                Labels.of("job", "j", "__meta_filepath", a.toString())));
    assertThat(updates.addresses())
        .isEqualTo(
            Map.of(src("a.json", 0), List.of("a:1"), src("b.yml", 0), List.of("b:1", "b:2")));
    assertThat(exposition()).contains("moraine_sd_file_scan_duration_seconds_count 1");
  }

  @Test
  void theWatcherPicksUpAChangeAndOnlyChangedGroupsAreSent() throws Exception {
    write("a.json", "[{\"targets\": [\"a:1\"]}]");
    write("b.json", "[{\"targets\": [\"b:1\"]}]");
    start("*.json");
    write("a.json", "[{\"targets\": [\"a:2\"]}, {\"targets\": [\"a:3\"]}]");
    soon().until(() -> updates.addresses().get(src("a.json", 1)) != null);
    assertThat(updates.addresses())
        .isEqualTo(
            Map.of(
                src("a.json", 0), List.of("a:2"),
                src("a.json", 1), List.of("a:3"),
                src("b.json", 0), List.of("b:1")));
    assertThat(updates.last()).extracting(TargetGroup::source).doesNotContain(src("b.json", 0));

    write("a.json", "[{\"targets\": [\"a:2\"]}]"); // shrinks: its second source goes
    soon().until(() -> !updates.state().containsKey(src("a.json", 1)));
    assertThat(updates.last()).containsExactly(TargetGroup.empty(src("a.json", 1)));
  }

  @Test
  void theRefreshFindsWhatNoWatchCouldSeeAndThenWatchesIt() throws Exception {
    start("later/*.json"); // the directory does not exist yet: no watch
    assertThat(updates.call(0)).isEmpty();
    write("later/x.json", "[{\"targets\": [\"x:1\"]}]");
    Thread.sleep(3 * FileDiscoverer.CLOCK_CHECK_NANOS / 1_000_000);
    assertThat(updates.calls()).isEqualTo(1);

    clock.advance(FileDiscoveryOptions.DEFAULT_REFRESH_INTERVAL);
    soon().until(() -> updates.addresses().equals(Map.of(src("later/x.json", 0), List.of("x:1"))));

    write("later/x.json", "[{\"targets\": [\"x:2\"]}]"); // watched since the refresh
    soon().until(() -> updates.addresses().equals(Map.of(src("later/x.json", 0), List.of("x:2"))));
  }

  @Test
  void aDeletedFileRemovesItsGroups() throws Exception {
    Path a = write("a.json", "[{\"targets\": [\"a:1\"]}, {\"targets\": [\"a:2\"]}]");
    write("b.json", "[{\"targets\": [\"b:1\"]}]");
    start("*.json");
    Files.delete(a);
    soon().until(() -> updates.state().size() == 1);
    assertThat(updates.last())
        .containsExactly(TargetGroup.empty(src("a.json", 0)), TargetGroup.empty(src("a.json", 1)));
  }

  @Test
  void aBrokenFileKeepsItsGroupsAndIsCounted() throws Exception {
    write("a.json", "[{\"targets\": [\"a:1\"]}]");
    start("*.json");
    write("a.json", "[{\"targets\": [\"a:1\"], \"labels\": {\"bad-name\": \"x\"}}]");
    soon().until(() -> metrics.fileReadErrors.get() >= 1);
    write("b.json", "[{\"targets\": [\"b:1\"]}]"); // a later refresh still keeps a.json's groups
    soon().until(() -> updates.state().size() == 2);
    assertThat(updates.addresses().get(src("a.json", 0))).containsExactly("a:1");
    assertThat(metrics.fileReadErrors.get()).isGreaterThanOrEqualTo(2);
    assertThat(exposition()).containsPattern("moraine_sd_file_read_errors_total [1-9]");

    write("a.json", "[{\"targets\": [\"a:9\"]}]");
    soon().until(() -> List.of("a:9").equals(updates.addresses().get(src("a.json", 0))));
  }

  @Test
  void afterCloseNothingIsSent() throws Exception {
    write("a.json", "[{\"targets\": [\"a:1\"]}]");
    FileDiscoverer d = start("*.json");
    assertThatThrownBy(() -> d.start(updates)).isInstanceOf(IllegalStateException.class);
    d.close();
    write("a.json", "[{\"targets\": [\"a:2\"]}]");
    clock.advance(Duration.ofHours(1));
    Thread.sleep(2 * FileDiscoverer.CLOCK_CHECK_NANOS / 1_000_000);
    assertThat(updates.calls()).isEqualTo(1);
  }

  private String exposition() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TextWriter w = new TextWriter(out);
    registry.writeTo(w);
    w.flush();
    return out.toString(StandardCharsets.UTF_8);
  }
}
