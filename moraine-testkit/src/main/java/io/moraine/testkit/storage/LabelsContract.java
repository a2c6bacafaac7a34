package io.moraine.testkit.storage;

import static io.moraine.testkit.storage.ContractSupport.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Querier;
import org.junit.jupiter.api.Test;

/**
 * Label names and values, with and without matchers and over time ranges.
 *
 * <p>As in Prometheus, a querier whose range overlaps the store's data may also report labels of
 * series that have no samples in that range (the head answers from its whole index); one whose
 * range lies wholly before or after all data reports none.
 */
public interface LabelsContract extends StorageFixture {
  @Test
  default void labelNamesAndValuesOfAllSeries() {
    SelectFixture.commitAll(storage());
    try (Querier q = storage().querier(0, 2000)) {
      assertThat(q.labelNames()).containsExactly("__name__", "env", "instance", "job", "path");
      assertThat(q.labelValues("job")).containsExactly("api", "db", "web");
      assertThat(q.labelValues("__name__")).containsExactly("m", "other");
      assertThat(q.labelValues("path")).containsExactly("/foo", "/foo/bar", "/foobar");
      assertThat(q.labelValues("nope")).isEmpty();
    }
  }

  @Test
  default void labelNamesAndValuesFilteredByMatchers() {
    SelectFixture.commitAll(storage());
    try (Querier q = storage().querier(0, 2000)) {
      assertThat(q.labelNames(Matcher.eq("job", "db")))
          .containsExactly("__name__", "instance", "job");
      assertThat(q.labelNames(Matcher.eq("job", "nope"))).isEmpty();
      assertThat(q.labelValues("job", Matcher.re("path", "/foo.*"))).containsExactly("api", "web");
      assertThat(q.labelValues("instance", Matcher.eq("__name__", "m"), Matcher.eq("path", "")))
          .containsExactly("b:1");
      assertThat(q.labelValues("path", Matcher.eq("job", "db"))).isEmpty();
      assertThat(q.labelValues("__name__", Matcher.eq("job", "api"))).containsExactly("m", "other");
    }
  }

  @Test
  default void labelsFollowTheQuerierTimeRange() {
    commit(storage(), Labels.of("__name__", "early", "a", "1"), 1000, 1, 2000, 2);
    commit(storage(), Labels.of("__name__", "late", "b", "2"), 5000, 1, 6000, 2);

    try (Querier q = storage().querier(1000, 6000)) {
      assertThat(q.labelNames()).containsExactly("__name__", "a", "b");
      assertThat(q.labelValues("__name__")).containsExactly("early", "late");
    }
    try (Querier q = storage().querier(5500, 6000)) {
      assertThat(q.labelValues("__name__")).contains("late");
      assertThat(q.labelValues("b", Matcher.eq("__name__", "early"))).isEmpty();
      assertThat(q.labelValues("b")).containsExactly("2");
    }
    for (long[] range : new long[][] {{0, 999}, {6001, 9000}}) {
      try (Querier q = storage().querier(range[0], range[1])) {
        assertThat(q.labelNames()).as("names in [%d, %d]", range[0], range[1]).isEmpty();
        assertThat(q.labelValues("__name__"))
            .as("values in [%d, %d]", range[0], range[1])
            .isEmpty();
      }
    }
  }
}
