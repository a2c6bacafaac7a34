package io.moraine.testkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeriesGeneratorTest {
  @Test
  void sameSeedSameSeriesAndValues() {
    SeriesGenerator a = new SeriesGenerator(42);
    SeriesGenerator b = new SeriesGenerator(42);
    List<Labels> la = a.series(2, 1500);
    assertThat(b.series(2, 1500)).isEqualTo(la);
    for (int i = 0; i < la.size(); i += 37) {
      assertThat(Double.doubleToRawLongBits(a.value(i, 5)))
          .as("series %d", i)
          .isEqualTo(Double.doubleToRawLongBits(b.value(i, 5)));
    }
    assertThat(new SeriesGenerator(43).series(2, 1500)).isNotEqualTo(la);
  }

  @Test
  void eachTargetHasExactlyItsSeriesAllValidAndDistinct() {
    SeriesGenerator g = new SeriesGenerator(7);
    List<Labels> all = g.series(3, 2000);
    assertThat(all).hasSize(6000).doesNotHaveDuplicates();
    all.forEach(LabelValidation::validate);
    assertThat(all.stream().filter(l -> "127.0.0.1:19101".equals(l.get("instance")))).hasSize(2000);
    assertThat(all).allSatisfy(l -> assertThat(l.get("job")).isEqualTo("push"));
  }

  @Test
  void hasTheFamiliesAndLabelShapesOfRealExporters() {
    SeriesGenerator g = new SeriesGenerator(1);
    List<Labels> all = g.series(1, 2000);
    Set<String> buckets =
        Set.copyOf(
            all.stream()
                .filter(l -> "http_request_duration_seconds_bucket".equals(l.metricName()))
                .map(l -> l.getOrEmpty("le"))
                .toList());
    assertThat(buckets).contains("0.005", "1", "2.5", "10", "+Inf").hasSize(12);
    assertThat(all).anySatisfy(l -> assertThat(l.metricName()).isEqualTo("node_cpu_seconds_total"));
    Labels container =
        all.stream()
            .filter(l -> "container_memory_rss".equals(l.metricName()))
            .findFirst()
            .orElseThrow();
    assertThat(container.getOrEmpty("id"))
        .startsWith("/kubepods/burstable/pod")
        .hasSizeGreaterThan(100);
    assertThat(container.getOrEmpty("name")).startsWith("k8s_");
    assertThat(container.getOrEmpty("image")).startsWith("registry.local/");
    EnumSet<ValueKind> kinds = EnumSet.noneOf(ValueKind.class);
    for (int i = 0; i < g.size(); i++) {
      kinds.add(g.kind(i));
    }
    assertThat(kinds).containsExactlyInAnyOrder(ValueKind.values());
  }

  @Test
  void countersNeverDecreaseAndGaugesMove() {
    SeriesGenerator g = new SeriesGenerator(3);
    g.series(1, 1200);
    int moving = 0;
    for (int i = 0; i < g.size(); i++) {
      String type = g.familyType(i);
      double first = g.value(i, 0);
      double prev = first;
      for (int step = 1; step < 40; step++) {
        double v = g.value(i, step);
        if (type.equals("counter") || g.kind(i) == ValueKind.HISTOGRAM_BUCKET) {
          assertThat(v).as("counter %d at step %d", i, step).isGreaterThanOrEqualTo(prev);
        }
        if (g.kind(i).integral()) {
          assertThat(v).as("integral series %d", i).isEqualTo(Math.rint(v));
        }
        prev = v;
      }
      if (g.kind(i) == ValueKind.GAUGE_PAGES && prev != first) {
        moving++;
      }
    }
    assertThat(moving).isGreaterThan(10);
  }

  @Test
  void valuesCanBeAskedInAnyOrder() {
    SeriesGenerator walked = new SeriesGenerator(9);
    SeriesGenerator jumped = new SeriesGenerator(9);
    walked.series(1, 1000);
    jumped.series(1, 1000);
    for (int i = 0; i < walked.size(); i++) {
      for (int step = 0; step <= 20; step++) {
        walked.value(i, step);
      }
    }
    for (int i = walked.size() - 1; i >= 0; i--) {
      assertThat(jumped.value(i, 20)).as("series %d", i).isEqualTo(walked.value(i, 20));
      assertThat(jumped.value(i, 3))
          .as("series %d back to step 3", i)
          .isEqualTo(walked.value(i, 3));
    }
  }

  @Test
  void timestampsFollowTheStep() {
    SeriesGenerator g = new SeriesGenerator(1, 1_000, 15, "j");
    assertThat(g.timestampSeconds(0)).isEqualTo(1_000);
    assertThat(g.timestampSeconds(4)).isEqualTo(1_060);
    assertThat(g.timestampMillis(1)).isEqualTo(1_015_000);
    assertThat(g.series(1, 800)).allSatisfy(l -> assertThat(l.get("job")).isEqualTo("j"));
    SeriesGenerator farm = new SeriesGenerator(1, "farm");
    assertThat(farm.timestampMillis(0)).isEqualTo(SeriesGenerator.DEFAULT_START_SECONDS * 1000);
    assertThat(farm.stepSeconds()).isEqualTo(SeriesGenerator.DEFAULT_STEP_SECONDS);
    assertThat(farm.series(1, 800)).allSatisfy(l -> assertThat(l.get("job")).isEqualTo("farm"));
  }

  @Test
  void jitterMovesEachTargetsScrapeWithinBoundsAndIsRepeatable() {
    SeriesGenerator g = new SeriesGenerator(5);
    long[] t0 = g.timestampsMillis(0, 200, 3);
    assertThat(new SeriesGenerator(5).timestampsMillis(0, 200, 3)).isEqualTo(t0);
    assertThat(g.timestampsMillis(1, 200, 3)).isNotEqualTo(t0);
    Set<Long> offsets = new HashSet<>();
    for (int step = 0; step < t0.length; step++) {
      assertThat(g.timestampMillis(0, step, 3)).isEqualTo(t0[step]);
      offsets.add(t0[step] - g.timestampMillis(step));
    }
    assertThat(offsets).containsExactlyInAnyOrder(-3L, -2L, -1L, 0L, 1L, 2L, 3L);
    assertThat(g.timestampsMillis(2, 50, 0))
        .containsExactly(IntStream.range(0, 50).mapToLong(g::timestampMillis).toArray());
    assertThatThrownBy(() -> g.timestampMillis(0, 1, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> g.timestampMillis(0, 1, 5_000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valuesAndTargetsMatchTheSingleLookups() {
    SeriesGenerator g = new SeriesGenerator(11);
    List<Labels> all = g.series(3, 700);
    SeriesGenerator h = new SeriesGenerator(11);
    h.series(3, 700);
    for (int i = 0; i < all.size(); i += 13) {
      assertThat(all.get(i).get("instance")).isEqualTo("127.0.0.1:" + (19100 + g.target(i)));
      double[] v = g.values(i, 30);
      assertThat(v).hasSize(30);
      for (int step = 0; step < 30; step++) {
        assertThat(v[step]).as("series %d step %d", i, step).isEqualTo(h.value(i, step));
      }
    }
    assertThat(g.target(all.size() - 1)).isEqualTo(2);
  }
}
