package io.moraine.ingest.relabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every case of {@code cases.txt} through a {@link Relabeler}. */
class RelabelGoldenTest {
  private static final String CASES = "/io/moraine/ingest/relabel/cases.txt";

  static Stream<CaseFile.Case> cases() throws IOException {
    return CaseFile.load(CASES).stream();
  }

  private static Relabeler relabeler(CaseFile.Case c, List<RelabelConfig> steps) {
    return c.tags().contains("[unvalidated]") ? Relabeler.unvalidated(steps) : Relabeler.of(steps);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void relabels(CaseFile.Case c) {
    if (c.tags().contains("[unvalidated]")) {
      assertThatThrownBy(() -> Relabeler.of(c.steps()))
          .isInstanceOf(InvalidRelabelConfigException.class);
    }
    Relabeler r = relabeler(c, c.steps());
    if (c.out() == null) {
      assertThat(r.process(c.in())).as(c.name()).isNull();
    } else {
      assertThat(r.process(c.in())).as(c.name()).isEqualTo(c.out());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void stepByStepEqualsWhole(CaseFile.Case c) {
    var cur = c.in();
    for (RelabelConfig step : c.steps()) {
      cur = relabeler(c, List.of(step)).process(cur);
      if (cur == null) {
        break;
      }
    }
    assertThat(cur).isEqualTo(c.out());
  }

  @Test
  void coversEveryActionAndPrometheusOwnCases() throws IOException {
    List<CaseFile.Case> all = CaseFile.load(CASES);
    Set<RelabelAction> seen = EnumSet.noneOf(RelabelAction.class);
    all.forEach(c -> c.steps().forEach(s -> seen.add(s.action())));
    assertThat(seen).containsExactlyInAnyOrder(RelabelAction.values());
    assertThat(all.stream().filter(c -> c.tags().contains("prom-test"))).hasSize(25);
    assertThat(all.stream().filter(c -> c.tags().contains("prom-run")).count()).isGreaterThan(5);
    assertThat(all).hasSizeGreaterThan(65);
  }
}
