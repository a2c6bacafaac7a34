package io.moraine.kube.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each family of {@link Clusters#site} against its golden file {@code <family>.txt}: one line per
 * series, sorted, as {@code name{labels} value}. On a mismatch the actual text is written to {@code
 * target/golden-actual/} for review.
 */
class KubeStateMetricsGoldenTest {
  private static final List<String> FAMILIES = KubeStateMetrics.FAMILIES;
  private static final List<StateSample> SAMPLES =
      KubeStateMetrics.collect(Clusters.state(Clusters.site()));

  @ParameterizedTest
  @FieldSource("FAMILIES")
  void familyMatchesItsGoldenFile(String family) throws IOException {
    String actual = render(family);
    String expected = golden(family);
    if (!actual.equals(expected)) {
      Path out = Path.of("target", "golden-actual", family + ".txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, actual);
    }
    assertThat(actual).as(family).isEqualTo(expected);
  }

  @Test
  void producesOnlyTheListedFamiliesAndEachSeriesOnce() {
    Set<String> names =
        SAMPLES.stream()
            .map(s -> Objects.requireNonNull(s.labels().metricName()))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(names).containsExactlyElementsOf(FAMILIES);
    assertThat(SAMPLES.stream().map(StateSample::labels).distinct().count())
        .isEqualTo(SAMPLES.size());
    assertThat(SAMPLES).isSortedAccordingTo((a, b) -> a.labels().compareTo(b.labels()));
  }

  @Test
  void isAPureFunctionOfTheState() {
    assertThat(KubeStateMetrics.collect(Clusters.state(Clusters.site()))).isEqualTo(SAMPLES);
  }

  @Test
  void noSeriesCarriesJobOrInstance() {
    assertThat(SAMPLES)
        .allSatisfy(
            s -> {
              assertThat(s.labels().get("job")).isNull();
              assertThat(s.labels().get("instance")).isNull();
            });
  }

  static String render(String family) {
    StringBuilder sb = new StringBuilder();
    for (StateSample s : SAMPLES) {
      if (family.equals(s.labels().metricName())) {
        sb.append(s.labels()).append(' ').append(format(s.value())).append('\n');
      }
    }
    return sb.toString();
  }

  private static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static String golden(String family) throws IOException {
    String path = "/io/moraine/kube/state/" + family + ".txt";
    try (InputStream in = KubeStateMetricsGoldenTest.class.getResourceAsStream(path)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
