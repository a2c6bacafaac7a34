package io.moraine.bench.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCorpusTest {
  private static final long START = 1_714_521_600L * 1_000_000_000L;
  private static final long DAY = 86_400L * 1_000_000_000L;
  private static final LogCorpus.Options OPTIONS =
      new LogCorpus.Options(7, 4_000_000, START, DAY, 9);

  @TempDir static Path tmp;
  static CorpusManifest manifest;
  static List<String> lines;

  @BeforeAll
  static void generate() throws IOException {
    manifest = LogCorpus.generate(OPTIONS, tmp.resolve("a"));
    lines = Files.readAllLines(tmp.resolve("a/corpus.log"), StandardCharsets.UTF_8);
  }

  @Test
  void sameOptionsGiveTheSameBytesAndAnotherSeedOthers() throws IOException {
    LogCorpus.generate(OPTIONS, tmp.resolve("b"));
    LogCorpus.generate(
        new LogCorpus.Options(8, OPTIONS.targetBytes(), START, DAY, 9), tmp.resolve("c"));
    for (String f : List.of("corpus.log", "entries.bin", "streams.txt")) {
      assertThat(Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("b").resolve(f)))
          .as(f)
          .isEqualTo(-1);
    }
    assertThat(Files.mismatch(tmp.resolve("a/corpus.log"), tmp.resolve("c/corpus.log")))
        .isNotEqualTo(-1);
  }

  @Test
  void manifestMatchesTheFilesAndTheTargetSize() throws IOException {
    assertThat(Files.size(tmp.resolve("a/corpus.log"))).isEqualTo(manifest.rawBytes());
    assertThat((long) lines.size()).isEqualTo(manifest.lines());
    assertThat(manifest.rawBytes()).isBetween(3_400_000L, 4_600_000L);
    assertThat(manifest.streams())
        .isEqualTo(Files.readAllLines(tmp.resolve("a/streams.txt")).size())
        .isGreaterThan(150);
    assertThat(Files.readString(tmp.resolve("a/manifest.json")))
        .contains("\"needle\": \"" + manifest.needle() + "\"")
        .contains("\"lines\": " + manifest.lines());
  }

  @Test
  void theNeedleIsInExactlyTheRecordedNumberOfLines() {
    long count = lines.stream().filter(l -> l.contains(manifest.needle())).count();
    assertThat(manifest.needleCount()).isEqualTo(9);
    assertThat(count).isEqualTo(9);
  }

  @Test
  void everyKindIsWellRepresentedAndLooksLikeItself() {
    Map<String, Long> kinds = manifest.linesByKind();
    for (Map.Entry<String, Long> e : kinds.entrySet()) {
      assertThat(e.getValue()).as(e.getKey()).isGreaterThan(manifest.lines() / 50);
    }
    long json =
        lines.stream().filter(l -> l.startsWith("{\"ts\":\"2024-") && l.endsWith("}")).count();
    long logfmt =
        lines.stream().filter(l -> l.startsWith("ts=2024-") && l.contains(" level=")).count();
    long envoy = lines.stream().filter(l -> l.startsWith("[2024-")).count();
    long nginx =
        lines.stream().filter(l -> l.matches("\\d+\\.\\d+\\.\\d+\\.\\d+ - - \\[.*")).count();
    long java =
        lines.stream().filter(l -> l.matches("2024-05-0\\d \\d\\d:\\d\\d:.* 1 --- \\[.*")).count();
    long stack =
        lines.stream()
            .filter(
                l ->
                    l.startsWith("\tat ")
                        || l.startsWith("Caused by: ")
                        || l.startsWith("\t... ")
                        || l.matches("^[a-z]+(\\.[a-z]+)+\\.[A-Za-z$]+(Exception|Unavailable): .*")
                        || l.startsWith("  Detail: "))
            .count();
    assertThat(json).isEqualTo(kinds.get("json"));
    assertThat(logfmt).isEqualTo(kinds.get("logfmt"));
    assertThat(envoy).isEqualTo(kinds.get("envoy"));
    assertThat(nginx).isEqualTo(kinds.get("nginx"));
    assertThat(java).isEqualTo(kinds.get("java"));
    assertThat(stack).isEqualTo(kinds.get("java_stack"));
  }

  @Test
  void filterAppFiveHundredsAreCountedExactly() throws IOException {
    List<String> streams = Files.readAllLines(tmp.resolve("a/streams.txt"));
    long matches = 0;
    try (EntryReader r = new EntryReader(tmp.resolve("a/entries.bin"))) {
      while (r.next()) {
        String line = new String(r.line, 0, r.length, StandardCharsets.UTF_8);
        if (streams.get(r.stream).startsWith("{app=\"checkout\"")
            && line.matches(".*\"status\":5\\d\\d,.*")) {
          matches++;
        }
      }
    }
    assertThat(matches).isEqualTo(manifest.filterMatches()).isPositive();
  }

  @Test
  void entriesAreInTimeOrderWithIncreasingTimesPerStreamInsideTheWindow() throws IOException {
    Map<Integer, Long> last = new HashMap<>();
    long previous = START;
    int i = 0;
    try (EntryReader r = new EntryReader(tmp.resolve("a/entries.bin"))) {
      while (r.next()) {
        assertThat(new String(r.line, 0, r.length, StandardCharsets.UTF_8))
            .isEqualTo(lines.get(i++));
        assertThat(r.nanos).isBetween(START, START + DAY - 1);
        assertThat(r.nanos).isGreaterThan(last.getOrDefault(r.stream, Long.MIN_VALUE));
        // a stack trace's lines follow its first line by microseconds; other streams may interleave
        assertThat(r.nanos).isGreaterThan(previous - 1_000_000);
        last.put(r.stream, r.nanos);
        previous = Math.max(previous, r.nanos);
      }
    }
    assertThat(i).isEqualTo(lines.size());
    assertThat(last).hasSizeGreaterThan(100);
  }

  @Test
  void vocabularyIsWideEnoughThatCompressionIsRealistic() {
    Set<String> distinct = new HashSet<>(lines);
    assertThat(distinct.size()).isGreaterThan(lines.size() * 9 / 10);
    byte[] raw = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    Deflater deflater = new Deflater(6);
    deflater.setInput(raw);
    deflater.finish();
    byte[] out = new byte[raw.length];
    int n = 0;
    while (!deflater.finished()) {
      n += deflater.deflate(out, n, out.length - n);
    }
    double ratio = (double) raw.length / n;
    // container logs gzip about 4-10x; a tiny repeated vocabulary would give far more
    assertThat(ratio).isBetween(3.0, 12.0);
  }
}
