package io.moraine.testkit.storage;

import static io.moraine.testkit.storage.ContractSupport.commit;
import static io.moraine.testkit.storage.ContractSupport.dump;
import static io.moraine.testkit.storage.ContractSupport.points;
import static io.moraine.testkit.storage.ContractSupport.selectAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.DuplicateSampleException;
import io.moraine.core.storage.InvalidSeriesException;
import io.moraine.core.storage.OutOfOrderSampleException;
import io.moraine.core.storage.SampleRejectedException;
import io.moraine.core.storage.Storage;
import io.moraine.core.storage.UnknownSeriesRefException;
import io.moraine.testkit.storage.ContractSupport.Point;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Append rules: round trip, bit-exact values, out-of-order and duplicate rules, refs, rollback. */
public interface AppendContract extends StorageFixture {
  @Test
  default void emptyStoreHasEmptyTimeRangeAndNoSeries() {
    assertThat(storage().minTime()).isEqualTo(Long.MAX_VALUE);
    assertThat(storage().maxTime()).isEqualTo(Long.MIN_VALUE);
    assertThat(selectAll(storage(), Matcher.re(Labels.METRIC_NAME, ".+"))).isEmpty();
  }

  @Test
  default void committedSamplesAreSelectedBack() {
    Labels a = Labels.of("__name__", "up", "job", "a");
    Labels b = Labels.of("__name__", "up", "job", "b");
    Appender app = storage().appender();
    app.append(b, 2000, 0);
    app.append(a, 1000, 1);
    app.append(a, 2000, 1.5);
    app.append(b, 3000, 42);
    app.commit();

    assertThat(selectAll(storage(), Matcher.eq("__name__", "up")))
        .containsExactly(dump(a, 1000, 1, 2000, 1.5), dump(b, 2000, 0, 3000, 42));
    assertThat(storage().minTime()).isEqualTo(1000);
    assertThat(storage().maxTime()).isEqualTo(3000);
  }

  @Test
  default void valuesAreStoredBitExact() {
    double[] values = {
      Double.NaN,
      Double.longBitsToDouble(0x7ff8000000000123L),
      StaleNaN.VALUE,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      -0.0,
      0.0,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      -1.5e-300,
      0.1 + 0.2
    };
    Labels s = Labels.of("__name__", "bits");
    Appender app = storage().appender();
    List<Point> expected = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      app.append(s, 1000L * (i + 1), values[i]);
      expected.add(Point.of(1000L * (i + 1), values[i]));
    }
    app.commit();

    assertThat(points(storage(), s)).containsExactlyElementsOf(expected);
  }

  @Test
  default void outOfOrderSampleIsRejectedAndTheRestOfTheBatchKept() {
    Labels s = Labels.of("__name__", "m", "i", "1");
    Labels other = Labels.of("__name__", "m", "i", "2");
    commit(storage(), s, 100, 1, 200, 2);

    Appender app = storage().appender();
    app.append(other, 50, 7);
    assertThatThrownBy(() -> app.append(s, 150, 9))
        .isInstanceOf(OutOfOrderSampleException.class)
        .extracting(e -> ((SampleRejectedException) e).reason())
        .isEqualTo("out_of_order");
    assertThatThrownBy(() -> app.append(s, 99, 9)).isInstanceOf(OutOfOrderSampleException.class);
    app.append(s, 300, 3);
    app.commit();

    assertThat(points(storage(), s))
        .containsExactly(Point.of(100, 1), Point.of(200, 2), Point.of(300, 3));
    assertThat(points(storage(), other)).containsExactly(Point.of(50, 7));
  }

  @Test
  default void duplicateTimeWithOtherBitsIsRejectedAndWithSameBitsStoredOnce() {
    Labels s = Labels.of("__name__", "m");
    Labels nan = Labels.of("__name__", "n");
    commit(storage(), s, 100, 1);
    commit(storage(), nan, 100, StaleNaN.VALUE);

    Appender app = storage().appender();
    assertThatThrownBy(() -> app.append(s, 100, 2))
        .isInstanceOf(DuplicateSampleException.class)
        .extracting(e -> ((SampleRejectedException) e).reason())
        .isEqualTo("duplicate");
    app.append(s, 100, 1); // same bits: accepted silently
    app.append(nan, 100, StaleNaN.VALUE); // NaN with the same bits is the same value
    assertThatThrownBy(() -> app.append(nan, 100, Double.NaN))
        .isInstanceOf(DuplicateSampleException.class);
    app.append(s, 200, 2);
    app.commit();
    Appender zero = storage().appender();
    zero.append(s, 300, 0.0);
    assertThatThrownBy(() -> zero.append(s, 300, -0.0))
        .isInstanceOf(DuplicateSampleException.class);
    zero.commit();

    assertThat(points(storage(), s))
        .containsExactly(Point.of(100, 1), Point.of(200, 2), Point.of(300, 0.0));
    assertThat(points(storage(), nan)).containsExactly(Point.of(100, StaleNaN.VALUE));
  }

  @Test
  default void outOfOrderWithinOneBatchIsNeverStored() {
    Labels s = Labels.of("__name__", "m");
    Appender app = storage().appender();
    app.append(s, 200, 2);
    try {
      app.append(s, 100, 1);
    } catch (OutOfOrderSampleException e) {
      // rejecting at append is allowed; so is dropping at commit
    }
    app.append(s, 300, 3);
    app.commit();

    assertThat(points(storage(), s)).containsExactly(Point.of(200, 2), Point.of(300, 3));
  }

  @Test
  default void invalidLabelsAreRejectedNamingTheLabel() {
    Labels good = Labels.of("__name__", "ok");
    Appender app = storage().appender();
    app.append(good, 1, 1);
    assertInvalid(app, Labels.of("__name__", "m", "1bad", "v"), "1bad");
    assertInvalid(app, Labels.of("__name__", "m", "b-ad", "v"), "b-ad");
    assertInvalid(app, Labels.of("__name__", "0metric"), "0metric");
    assertInvalid(app, Labels.of("__name__", "m", "broken", "x\uD800y"), "broken");
    assertInvalid(app, Labels.of("job", "no_name"), "__name__");
    app.append(good, 2, 2);
    app.commit();

    assertThat(selectAll(storage(), Matcher.re("__name__", ".+")))
        .containsExactly(dump(good, 1, 1, 2, 2));
  }

  private static void assertInvalid(Appender app, Labels labels, String named) {
    assertThatThrownBy(() -> app.append(labels, 1, 1))
        .as("append of %s", labels)
        .isInstanceOf(InvalidSeriesException.class)
        .hasMessageContaining(named);
  }

  @Test
  default void rolledBackSamplesAreNeverVisible() {
    Labels s = Labels.of("__name__", "m");
    Appender app = storage().appender();
    app.append(s, 1000, 1);
    app.append(s, 2000, 2);
    app.rollback();

    assertThat(selectAll(storage(), Matcher.eq("__name__", "m"))).isEmpty();
    assertThat(storage().maxTime()).isEqualTo(Long.MIN_VALUE);
    // the rolled-back samples did not move the series' newest time
    commit(storage(), s, 500, 5);
    assertThat(points(storage(), s)).containsExactly(Point.of(500, 5));
  }

  @Test
  default void appendByRefReachesTheSameSeries() {
    Labels s = Labels.of("__name__", "m", "k", "v");
    Storage st = storage();
    Appender first = st.appender();
    long ref = first.append(s, 100, 1);
    assertThat(first.append(ref, 200, 2)).isEqualTo(ref);
    first.commit();

    Appender second = st.appender();
    assertThat(second.append(ref, 300, 3)).isEqualTo(ref);
    assertThatThrownBy(() -> second.append(ref, 250, 9))
        .isInstanceOf(OutOfOrderSampleException.class);
    second.commit();

    assertThat(points(st, s)).containsExactly(Point.of(100, 1), Point.of(200, 2), Point.of(300, 3));
  }

  @Test
  default void unknownRefIsRejectedAndTheBatchGoesOn() {
    Labels s = Labels.of("__name__", "m");
    Appender app = storage().appender();
    long ref = app.append(s, 100, 1);
    long unknown = ref == Long.MAX_VALUE - 7 ? Long.MAX_VALUE - 8 : Long.MAX_VALUE - 7;
    assertThatThrownBy(() -> app.append(unknown, 200, 2))
        .isInstanceOf(UnknownSeriesRefException.class);
    app.append(s, 300, 3);
    app.commit();

    assertThat(points(storage(), s)).containsExactly(Point.of(100, 1), Point.of(300, 3));
  }
}
