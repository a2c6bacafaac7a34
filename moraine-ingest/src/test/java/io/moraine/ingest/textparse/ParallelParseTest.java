package io.moraine.ingest.textparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.moraine.core.labels.Labels;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParallelParseTest {
  /** Mixed input: types, histograms before and after cut points, label orders, exemplars. */
  private static String input() {
    Random r = new Random(7);
    StringBuilder sb = new StringBuilder("# HELP x Some help.\n");
    for (int t = 0; t < 300; t++) {
      long ts = 1_700_000_000L + t * 15L;
      if (t % 100 == 0) {
        sb.append("# TYPE h histogram\n");
      } else if (t % 100 == 50) {
        sb.append("# TYPE s summary\n");
      }
      for (int s = 0; s < 20; s++) {
        if (r.nextBoolean()) {
          sb.append("m{b=\"").append(s).append("\",a=\"x y\"} ");
        } else {
          sb.append("m{a=\"x y\",b=\"").append(s).append("\"} ");
        }
        sb.append(r.nextInt(1000)).append(' ').append(ts).append('\n');
      }
      sb.append("h_bucket{le=\"1\"} ").append(t).append(' ').append(ts).append(".5\n");
      sb.append("s{quantile=\"0.50\"} 1.5e3 ").append(ts).append(" # {id=\"q\"} 2\n");
    }
    return sb.append("# EOF\n").toString();
  }

  @Test
  void splitCutsAtLineBreaksAndCoversTheInput() {
    MemorySegment in = MemorySegment.ofArray(input().getBytes(StandardCharsets.UTF_8));
    for (int n = 1; n <= 7; n++) {
      List<Range> ranges = ParallelParse.split(in, n);
      assertThat(ranges).hasSizeBetween(1, n);
      assertThat(ranges.getFirst().start()).isZero();
      assertThat(ranges.getLast().end()).isEqualTo(in.byteSize());
      for (int i = 0; i < ranges.size(); i++) {
        Range r = ranges.get(i);
        assertThat(r.size()).isPositive();
        if (i > 0) {
          assertThat(r.start()).isEqualTo(ranges.get(i - 1).end());
          assertThat(in.get(Scan.BYTE, r.start() - 1)).isEqualTo((byte) '\n');
        }
      }
    }
    assertThat(ParallelParse.split(MemorySegment.ofArray(new byte[0]), 3))
        .containsExactly(new Range(0, 0));
  }

  @Test
  void splitParsingEqualsSequentialParsing() throws InterruptedException {
    byte[] bytes = input().getBytes(StandardCharsets.UTF_8);
    RecordingSink sequential = new RecordingSink();
    OpenMetricsParser.of(bytes).parse(sequential);
    MemorySegment in = MemorySegment.ofArray(bytes);
    for (int n = 1; n <= 5; n++) {
      Map<Integer, Labels> shared = new HashMap<>();
      List<RecordingSink> sinks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        sinks.add(new RecordingSink(shared));
      }
      SeriesRegistry registry = new SeriesRegistry();
      long samples = ParallelParse.parse(in, registry, sinks);
      List<String> lines = new ArrayList<>();
      for (RecordingSink s : sinks) {
        lines.addAll(s.lines());
      }
      assertThat(samples).isEqualTo(sequential.samples.size());
      assertThat(lines).as("n=" + n).isEqualTo(sequential.lines());
      assertThat(registry.size()).isEqualTo(sequential.labelsById.size());
    }
    assertThat(sequential.lines())
        .contains("h_bucket{le=\"1.0\"} 1700000000500 0.0 0x0")
        .contains("s{quantile=\"0.50\"} 1700000000000 1500.0 0x4097700000000000")
        .contains("s{quantile=\"0.5\"} 1700000750000 1500.0 0x4097700000000000");
    assertThat(sequential.labelsById).hasSize(24);
  }

  @Test
  void errorsInALaterRangeCarryTheirLineInTheWholeInput() throws InterruptedException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      sb.append("m{i=\"").append(i % 10).append("\"} 1 1\n");
    }
    sb.append("m{i=\"1\"} 1\n");
    sb.append("m 1 1\n# EOF\n");
    MemorySegment in = MemorySegment.ofArray(sb.toString().getBytes(StandardCharsets.UTF_8));
    Map<Integer, Labels> shared = new HashMap<>();
    List<RecordingSink> sinks = List.of(new RecordingSink(shared), new RecordingSink(shared));
    TextParseException e =
        catchThrowableOfType(
            TextParseException.class, () -> ParallelParse.parse(in, new SeriesRegistry(), sinks));
    assertThat(e).isNotNull();
    assertThat(e.line()).isEqualTo(1001);
    assertThat(e.reason()).contains("expected timestamp");
  }

  @Test
  void eofInsideAnEarlierRangeIsUnexpectedData() throws InterruptedException {
    String text = "a 1 1\n".repeat(50) + "# EOF\n" + "a 1 1\n".repeat(50) + "# EOF\n";
    MemorySegment in = MemorySegment.ofArray(text.getBytes(StandardCharsets.UTF_8));
    Map<Integer, Labels> shared = new HashMap<>();
    List<RecordingSink> sinks = List.of(new RecordingSink(shared), new RecordingSink(shared));
    TextParseException e =
        catchThrowableOfType(
            TextParseException.class, () -> ParallelParse.parse(in, new SeriesRegistry(), sinks));
    assertThat(e).isNotNull();
    assertThat(e.line()).isEqualTo(51);
    assertThat(e.reason()).isEqualTo("unexpected data after # EOF");
  }
}
