package io.moraine.testkit.storage;

import static io.moraine.testkit.storage.ContractSupport.commit;
import static io.moraine.testkit.storage.ContractSupport.dump;
import static io.moraine.testkit.storage.ContractSupport.points;
import static io.moraine.testkit.storage.ContractSupport.selectAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.DuplicateSampleException;
import io.moraine.core.storage.OutOfOrderSampleException;
import io.moraine.testkit.storage.ContractSupport.Point;
import io.moraine.testkit.storage.ContractSupport.SeriesDump;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Committed data survives close and reopen of the same directory (skipped when unsupported). */
public interface ReopenContract extends StorageFixture {
  @Test
  default void committedDataSurvivesReopen() {
    assumeTrue(reopenSupported(), "store does not support reopen");
    Labels a = Labels.of("__name__", "m", "i", "a");
    Labels b = Labels.of("__name__", "m", "i", "b");
    Labels gone = Labels.of("__name__", "m", "i", "rolled_back");
    commit(storage(), a, 1000, 1, 2000, StaleNaN.VALUE, 3000, -0.0);
    commit(storage(), b, 1500, Double.POSITIVE_INFINITY);
    Appender rolledBack = storage().appender();
    rolledBack.append(gone, 1000, 1);
    rolledBack.append(a, 4000, 4);
    rolledBack.rollback();
    List<SeriesDump> before = selectAll(storage(), Matcher.eq("__name__", "m"));

    reopen();

    List<SeriesDump> after = selectAll(storage(), Matcher.eq("__name__", "m"));
    assertThat(after).isEqualTo(before);
    assertThat(after)
        .containsExactly(
            dump(a, 1000, 1, 2000, StaleNaN.VALUE, 3000, -0.0),
            dump(b, 1500, Double.POSITIVE_INFINITY));
    assertThat(storage().minTime()).isEqualTo(1000);
    assertThat(storage().maxTime()).isEqualTo(3000);
  }

  @Test
  default void appendRulesHoldAcrossReopen() {
    assumeTrue(reopenSupported(), "store does not support reopen");
    Labels s = Labels.of("__name__", "m");
    commit(storage(), s, 1000, 1, 2000, 2);

    reopen();

    Appender app = storage().appender();
    assertThatThrownBy(() -> app.append(s, 1500, 9)).isInstanceOf(OutOfOrderSampleException.class);
    assertThatThrownBy(() -> app.append(s, 2000, 9)).isInstanceOf(DuplicateSampleException.class);
    app.append(s, 3000, 3);
    app.commit();

    reopen();

    assertThat(points(storage(), s))
        .containsExactly(Point.of(1000, 1), Point.of(2000, 2), Point.of(3000, 3));
  }

  @Test
  default void manySeriesSurviveRepeatedReopens() {
    assumeTrue(reopenSupported(), "store does not support reopen");
    for (int round = 0; round < 3; round++) {
      Appender app = storage().appender();
      for (int i = 0; i < 50; i++) {
        app.append(Labels.of("__name__", "many", "i", "" + i), 1000L * (round + 1), round + i);
      }
      app.commit();
      reopen();
    }
    List<SeriesDump> all = selectAll(storage(), Matcher.eq("__name__", "many"));
    assertThat(all).hasSize(50);
    for (SeriesDump d : all) {
      int i = Integer.parseInt(d.labels().getOrEmpty("i"));
      assertThat(d.points())
          .containsExactly(Point.of(1000, i), Point.of(2000, 1 + i), Point.of(3000, 2 + i));
    }
  }
}
