package io.moraine.promql.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.promql.ast.ValueType;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FunctionTableTest {
  private static final Set<String> SPECIAL =
      Set.of(
          "absent",
          "absent_over_time",
          "vector",
          "scalar",
          "time",
          "pi",
          "timestamp",
          "sort",
          "sort_desc",
          "label_replace",
          "label_join",
          "histogram_quantile",
          "histogram_count",
          "histogram_sum",
          "histogram_fraction");

  private static final Set<String> KEEPS_NAME =
      Set.of("last_over_time", "sort", "sort_desc", "label_replace", "label_join");

  @Test
  void onlyTheEngineOwnFunctionsAreSpecial() {
    Set<String> special =
        FunctionTable.all().stream()
            .filter(d -> d.impl() instanceof FunctionDef.Special)
            .map(FunctionDef::name)
            .collect(Collectors.toSet());
    assertThat(special).isEqualTo(SPECIAL);
    assertThat(FunctionTable.all()).hasSize(70);
  }

  @Test
  void rangeFunctionsTakeOneMatrixAndElementFunctionsOneVector() {
    for (FunctionDef d : FunctionTable.all()) {
      var types = d.signature().argTypes();
      switch (d.impl()) {
        case FunctionDef.Range r -> {
          assertThat(types.stream().filter(t -> t == ValueType.MATRIX)).as(d.name()).hasSize(1);
          assertThat(types).as(d.name()).doesNotContain(ValueType.VECTOR, ValueType.STRING);
        }
        case FunctionDef.Element e -> {
          assertThat(types.getFirst()).as(d.name()).isEqualTo(ValueType.VECTOR);
          assertThat(types.subList(1, types.size()))
              .as(d.name())
              .allMatch(t -> t == ValueType.SCALAR);
        }
        case FunctionDef.Special s -> {}
      }
      if (!(d.impl() instanceof FunctionDef.Special)) {
        assertThat(d.signature().returnType()).as(d.name()).isEqualTo(ValueType.VECTOR);
      }
    }
  }

  @Test
  void onlyClampHasAnEmptyCondition() {
    for (FunctionDef d : FunctionTable.all()) {
      if (d.impl() instanceof FunctionDef.Element e) {
        assertThat(e.emptyWhen() != null).as(d.name()).isEqualTo(d.name().equals("clamp"));
      }
    }
  }

  @Test
  void metricNameIsKeptOnlyWherePrometheusKeepsIt() {
    Set<String> keeps =
        FunctionTable.all().stream()
            .filter(d -> !d.dropsMetricName())
            .map(FunctionDef::name)
            .collect(Collectors.toSet());
    assertThat(keeps).isEqualTo(KEEPS_NAME);
  }

  @Test
  void dateFunctionsDefaultToTheEvaluationTime() {
    for (String name :
        new String[] {
          "day_of_month",
          "day_of_week",
          "day_of_year",
          "days_in_month",
          "hour",
          "minute",
          "month",
          "year"
        }) {
      FunctionDef d = Objects.requireNonNull(FunctionTable.lookup(name), name);
      assertThat(d.signature().variadic()).as(name).isEqualTo(1);
      assertThat(d.impl()).as(name).isInstanceOf(FunctionDef.Element.class);
    }
  }

  @Test
  void rangeFunctionsAreWiredToTheirMath() {
    Window w = Windows.regular(0, 40, 10, 10, 1, 5, 2);
    assertThat(range("count_over_time").apply(w, new double[0])).isTrue();
    assertThat(w.result).isEqualTo(3.0);
    assertThat(range("max_over_time").apply(w, new double[0])).isTrue();
    assertThat(w.result).isEqualTo(5.0);
    assertThat(range("resets").apply(w, new double[0])).isTrue();
    assertThat(w.result).isEqualTo(1.0);
    assertThat(range("quantile_over_time").apply(w, new double[] {0.5})).isTrue();
    assertThat(w.result).isEqualTo(2.0);
    assertThat(range("idelta").apply(w, new double[0])).isTrue();
    assertThat(w.result).isEqualTo(-3.0);
  }

  private static RangeFn range(String name) {
    FunctionDef d = Objects.requireNonNull(FunctionTable.lookup(name), name);
    return ((FunctionDef.Range) d.impl()).fn();
  }
}
