package io.moraine.ingest.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prometheus' own text-format test inputs (v2.42.0 {@code model/textparse/testdata}) against what a
 * real Prometheus 2.42 stored when it scraped them from a local HTTP server ({@code *.scraped.txt}:
 * {@code /api/v1/query} of the job, {@code job} and {@code instance} removed; values as the API
 * prints them; {@code promtestdata.metadata.txt} from {@code /api/v1/targets/metadata}).
 */
class PromTextGoldenTest {
  @ParameterizedTest
  @CsvSource({
    "promtestdata.txt, promtestdata.scraped.txt",
    "promtestdata.nometa.txt, promtestdata.nometa.scraped.txt",
    "edge.txt, edge.scraped.txt"
  })
  void seriesAndValuesAsPrometheusStoredThem(String input, String scraped) throws IOException {
    RecordingSink sink = new RecordingSink();
    new PromTextParser(new SeriesRegistry()).parse(resource(input), sink);

    Map<String, String> expected = new TreeMap<>();
    for (String line : lines(scraped)) {
      int space = line.lastIndexOf(' ');
      expected.put(line.substring(0, space), line.substring(space + 1));
    }
    Map<String, Double> actual = new TreeMap<>();
    for (RecordingSink.Sample s : sink.samples) {
      actual.put(promString(sink.labels(s.id())), Double.longBitsToDouble(s.valueBits()));
    }
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    for (Map.Entry<String, Double> e : actual.entrySet()) {
      String want = Objects.requireNonNull(expected.get(e.getKey()));
      assertThat(Double.compare(e.getValue(), apiValue(want))).as(e.getKey() + " " + want).isZero();
    }
    assertThat(sink.samples).hasSize(expected.size());
  }

  @Test
  void promtestdataHasNoTimestampsAndNormalNaN() throws IOException {
    RecordingSink sink = new RecordingSink();
    PromTextParser parser = new PromTextParser(new SeriesRegistry());
    parser.parse(resource("promtestdata.txt"), sink);
    assertThat(parser.samplesParsed()).isEqualTo(410);
    assertThat(sink.samples).allMatch(s -> s.t() == SampleSink.NO_TIMESTAMP);
    assertThat(sink.samples)
        .filteredOn(s -> Double.isNaN(Double.longBitsToDouble(s.valueBits())))
        .hasSize(147)
        .allMatch(s -> s.valueBits() == 0x7ff8000000000001L);
  }

  @Test
  void metadataAsPrometheusKeptIt() throws IOException {
    RecordingSink sink = new RecordingSink();
    new PromTextParser(new SeriesRegistry()).parse(resource("promtestdata.txt"), sink);
    List<String> actual = new ArrayList<>();
    for (Map.Entry<String, String[]> e : sink.metadata.entrySet()) {
      actual.add(e.getKey() + "\t" + e.getValue()[0] + "\t" + escape(e.getValue()[1]));
    }
    assertThat(actual).containsExactlyElementsOf(lines("promtestdata.metadata.txt"));
  }

  @Test
  void edgeCasesScrapedFromPrometheus() throws IOException {
    RecordingSink sink = new RecordingSink();
    new PromTextParser(new SeriesRegistry()).parse(resource("edge.txt"), sink);
    // e_two carried a timestamp (when the golden was made, so that Prometheus accepted it)
    assertThat(sink.lines()).anyMatch(l -> l.startsWith("e_two{a=\"1\", b=\"2\"} 1795266547000 "));
    assertThat(sink.metadata.get("e_one")).containsExactly("unknown", " two\\ \n x\\q");
    assertThat(sink.metadata.get("e_four")).containsExactly("unknown", "");
  }

  /** {@code name{a="b",c="d"}} with the API's escaping, as the golden files are written. */
  private static String promString(Labels labels) {
    StringBuilder sb = new StringBuilder(Objects.requireNonNull(labels.metricName())).append('{');
    boolean first = true;
    for (int i = 0; i < labels.size(); i++) {
      if (labels.name(i).equals(Labels.METRIC_NAME)) {
        continue;
      }
      sb.append(first ? "" : ",").append(labels.name(i)).append("=\"");
      Labels.appendEscaped(sb, labels.value(i));
      sb.append('"');
      first = false;
    }
    return sb.append('}').toString();
  }

  private static double apiValue(String s) {
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n");
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = PromTextGoldenTest.class.getResourceAsStream(name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    }
  }

  private static List<String> lines(String name) throws IOException {
    return new String(resource(name), StandardCharsets.UTF_8).lines().toList();
  }
}
