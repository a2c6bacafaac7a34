package io.moraine.promql.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.promql.script.Command.Expected;
import io.moraine.promql.script.Command.ExpectedSeries;
import io.moraine.promql.script.Command.Window;
import io.moraine.promql.script.SeriesDescription.SequenceValue;
import io.moraine.promql.value.RangeMatrix;
import io.moraine.promql.value.Sample;
import io.moraine.promql.value.SeriesPoints;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Value tolerance and the set/order rules of result comparison. */
class ResultCheckTest {
  private static final Labels A = Labels.of("__name__", "m", "i", "a");
  private static final Labels B = Labels.of("__name__", "m", "i", "b");

  private static Expected series(ExpectedSeries... s) {
    return new Expected(List.of(s), null, null, null);
  }

  private static ExpectedSeries exp(Labels l, int pos, double... vs) {
    return new ExpectedSeries(l, Arrays.stream(vs).mapToObj(SequenceValue::of).toList(), pos);
  }

  @ParameterizedTest
  @CsvSource({
    "1, 1, true",
    "1, 1.0000001, true",
    "1, 1.00001, false",
    "1e300, 1.0000001e300, true",
    "-5, 5, false",
    "0, 0, true",
    "0, -0.0, true",
    "0, 1e-300, false",
    "1e-310, 1.0000001e-310, true",
    "1e-310, 2e-310, false",
    "NaN, NaN, true",
    "NaN, 1, false",
    "Infinity, Infinity, true",
    "Infinity, -Infinity, false",
    "Infinity, 1e308, false",
  })
  void almostEqual(double a, double b, boolean equal) {
    assertThat(ResultCheck.almostEqual(a, b)).isEqualTo(equal);
    assertThat(ResultCheck.almostEqual(b, a)).isEqualTo(equal);
  }

  @Test
  void theStaleMarkerEqualsAnyNaN() {
    assertThat(ResultCheck.almostEqual(StaleNaN.VALUE, Double.NaN)).isTrue();
  }

  @Test
  void vectorsAreComparedAsSetsUnlessOrdered() {
    Expected e = series(exp(A, 1, 1), exp(B, 2, 2));
    List<Sample> ba = List.of(new Sample(B, 0, 2), new Sample(A, 0, 1));
    assertThat(ResultCheck.vector(e, ba, false)).isNull();
    assertThat(ResultCheck.vector(e, ba, true))
        .startsWith("expected metric m{i=\"b\"} at position 2");
    assertThat(ResultCheck.vector(e, List.of(new Sample(A, 0, 1)), false))
        .startsWith("expected metric m{i=\"b\"} with [2] not found");
    assertThat(ResultCheck.vector(e, List.of(new Sample(A, 0, 1), new Sample(A, 0, 1)), false))
        .startsWith("metric m{i=\"a\"} appears twice");
    assertThat(ResultCheck.vector(series(), List.of(), true)).isNull();
  }

  @Test
  void matricesMustBeSortedAndMatchPointByPoint() {
    Window w = new Window(0, 2000, 1000);
    SeriesPoints a = new SeriesPoints(A, new long[] {0, 2000, 0}, new double[] {1, 3, 0}, 2);
    SeriesPoints b = new SeriesPoints(B, new long[] {1000}, new double[] {5}, 1);
    Expected e =
        new Expected(
            List.of(
                new ExpectedSeries(
                    A, List.of(SequenceValue.of(1), SequenceValue.OMITTED, SequenceValue.of(3)), 1),
                new ExpectedSeries(B, List.of(SequenceValue.OMITTED, SequenceValue.of(5)), 2)),
            null,
            null,
            null);
    assertThat(ResultCheck.matrix(e, new RangeMatrix(List.of(a, b)), w, false)).isNull();
    assertThat(ResultCheck.matrix(e, new RangeMatrix(List.of(b, a)), w, false))
        .startsWith("matrix not sorted by labels");
    assertThat(ResultCheck.matrix(e, new RangeMatrix(List.of(a)), w, false))
        .startsWith("expected metric m{i=\"b\"}");
    assertThat(ResultCheck.matrix(e, new RangeMatrix(List.of(a, b)), w, true))
        .startsWith("expected an ordered result");
  }
}
