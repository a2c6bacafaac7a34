package io.moraine.testkit.storage;

import static io.moraine.testkit.storage.ContractSupport.commit;
import static io.moraine.testkit.storage.ContractSupport.nonEmpty;
import static io.moraine.testkit.storage.ContractSupport.points;
import static io.moraine.testkit.storage.ContractSupport.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SelectHints;
import io.moraine.testkit.storage.ContractSupport.Point;
import io.moraine.testkit.storage.ContractSupport.SeriesDump;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When appended samples become visible, and what an open querier keeps seeing. */
public interface VisibilityContract extends StorageFixture {
  private static List<SeriesDump> all(Querier q, long mint, long maxt) {
    return nonEmpty(read(q, true, SelectHints.NONE, mint, maxt, Matcher.re("__name__", ".+")));
  }

  @Test
  default void uncommittedSamplesAreInvisible() {
    Labels s = Labels.of("__name__", "m");
    try (Querier before = storage().querier(0, 10_000)) {
      Appender app = storage().appender();
      app.append(s, 1000, 1);
      try (Querier during = storage().querier(0, 10_000)) {
        assertThat(all(before, 0, 10_000)).as("querier opened before the append").isEmpty();
        assertThat(all(during, 0, 10_000)).as("querier opened before the commit").isEmpty();
        assertThat(during.labelValues("__name__")).isEmpty();
        app.commit();
        assertThat(all(during, 0, 10_000))
            .as("querier opened before the commit, read after")
            .isEmpty();
      }
    }
    assertThat(points(storage(), s)).containsExactly(Point.of(1000, 1));
  }

  @Test
  default void anOpenQuerierDoesNotSeeLaterSeriesOrSamplesBeyondItsRange() {
    Labels old = Labels.of("__name__", "m", "s", "old");
    Labels fresh = Labels.of("__name__", "m", "s", "new");
    commit(storage(), old, 100, 1, 200, 2);

    try (Querier q = storage().querier(0, 1000)) {
      Appender app = storage().appender();
      app.append(fresh, 500, 5);
      app.append(old, 700, 7);
      app.append(old, 2000, 20);
      app.commit();

      List<SeriesDump> seen = all(q, 0, 1000);
      assertThat(seen).extracting(SeriesDump::labels).containsExactly(old);
      assertThat(seen.getFirst().points())
          .startsWith(Point.of(100, 1), Point.of(200, 2))
          .doesNotContain(Point.of(2000, 20))
          .isSubsetOf(Point.of(100, 1), Point.of(200, 2), Point.of(700, 7));
      assertThat(q.labelValues("s")).containsExactly("old");
    }
    try (Querier q = storage().querier(0, 1000)) {
      assertThat(all(q, 0, 1000)).extracting(SeriesDump::labels).containsExactly(fresh, old);
    }
  }

  @Test
  default void appendersAreIndependent() {
    Labels a = Labels.of("__name__", "a");
    Labels b = Labels.of("__name__", "b");
    Appender first = storage().appender();
    Appender second = storage().appender();
    first.append(a, 100, 1);
    second.append(b, 100, 2);
    second.commit();
    assertThat(points(storage(), a)).isEmpty();
    assertThat(points(storage(), b)).containsExactly(Point.of(100, 2));
    first.rollback();
    assertThat(points(storage(), a)).isEmpty();
    assertThat(points(storage(), b)).containsExactly(Point.of(100, 2));
  }
}
