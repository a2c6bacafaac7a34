package io.moraine.testkit.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.testkit.data.OpenMetricsWriter.Layout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OpenMetricsWriterTest {
  private static final Pattern SAMPLE =
      Pattern.compile(
          "^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*)\\} (\\S+) (\\d+)$");

  private static List<String> lines(SeriesGenerator g, int steps, Layout layout)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = OpenMetricsWriter.write(g, steps, layout, out);
    assertThat(n).isEqualTo((long) g.size() * steps);
    return List.of(out.toString(StandardCharsets.UTF_8).split("\n", -1));
  }

  @Test
  void timeMajorIsTheBenchmarkShape() throws IOException {
    SeriesGenerator g = new SeriesGenerator(42, 1_700_000_060L, 10, "push");
    g.series(2, 800);
    List<String> lines = lines(g, 3, Layout.TIME_MAJOR);

    assertThat(lines).hasSize(2 * 800 * 3 + 2);
    assertThat(lines.get(lines.size() - 2)).isEqualTo("# EOF");
    assertThat(lines.getLast()).isEmpty();
    assertThat(lines.getFirst())
        .startsWith(
            "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\",job=\"push\",instance=\"127.0.0.1:19100\"} ")
        .endsWith(" 1700000060");
    assertThat(lines.get(1600)).endsWith(" 1700000070");
    for (int k = 0; k < lines.size() - 2; k++) {
      Matcher m = SAMPLE.matcher(lines.get(k));
      assertThat(m.matches()).as("line %d: %s", k, lines.get(k)).isTrue();
      int step = k / g.size();
      int series = k % g.size();
      assertThat(Double.parseDouble(m.group(3))).isEqualTo(g.value(series, step));
      assertThat(Long.parseLong(m.group(4))).isEqualTo(g.timestampSeconds(step));
    }
  }

  @Test
  void familyMajorTypesEachFamilyOnceAndKeepsEachSeriesInTimeOrder() throws IOException {
    SeriesGenerator g = new SeriesGenerator(5);
    g.series(1, 1000);
    List<String> lines = lines(g, 4, Layout.FAMILY_MAJOR);

    List<String> types = lines.stream().filter(l -> l.startsWith("# TYPE ")).toList();
    assertThat(types)
        .doesNotHaveDuplicates()
        .contains(
            "# TYPE node_cpu_seconds counter",
            "# TYPE http_request_duration_seconds histogram",
            "# TYPE container_memory_failcnt unknown",
            "# TYPE node_load1 gauge");
    assertThat(lines.size() - types.size() - 2).isEqualTo(g.size() * 4);
    Map<String, List<Long>> timesBySeries = new HashMap<>();
    String family = "";
    for (String line : lines) {
      if (line.startsWith("# TYPE ")) {
        family = line.split(" ")[2];
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      assertThat(m.group(1)).as("sample of family %s", family).startsWith(family);
      timesBySeries
          .computeIfAbsent(m.group(1) + m.group(2), s -> new ArrayList<>())
          .add(Long.parseLong(m.group(4)));
    }
    assertThat(timesBySeries).hasSize(g.size());
    assertThat(timesBySeries.values())
        .allSatisfy(ts -> assertThat(ts).isSorted().hasSize(4).doesNotHaveDuplicates());
  }

  @Test
  void formatsWholeNumberKindsWithoutFraction() {
    assertThat(OpenMetricsWriter.format(1.25e9, ValueKind.CONSTANT)).isEqualTo("1250000000");
    assertThat(OpenMetricsWriter.format(12.5, ValueKind.COUNTER_CENTISECONDS)).isEqualTo("12.5");
    assertThat(OpenMetricsWriter.typeLine("x_total", "counter")).isEqualTo("# TYPE x counter\n");
  }
}
