package io.moraine.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.OutOfOrderSampleException;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import org.junit.jupiter.api.Test;

/** The test store really stores: what tests of the server rely on. */
class InMemoryStorageTest {
  @Test
  void committedSamplesAreSelectedByMatchers() {
    InMemoryStorage s = new InMemoryStorage();
    Appender a = s.appender();
    long ref = a.append(Labels.of("__name__", "up", "job", "a"), 1000, 1);
    a.append(ref, 2000, 0);
    a.append(Labels.of("__name__", "up", "job", "b"), 1500, 1);
    try (Querier q = s.querier(0, 10_000)) {
      assertThat(q.select(true, SelectHints.NONE, Matcher.eq("job", "a")).next()).isFalse();
    }
    a.commit();
    assertThat(s.minTime()).isEqualTo(1000);
    assertThat(s.maxTime()).isEqualTo(2000);
    try (Querier q = s.querier(0, 10_000)) {
      SeriesSet set = q.select(true, SelectHints.NONE, Matcher.eq("job", "a"));
      assertThat(set.next()).isTrue();
      SampleIterator it = set.at().iterator(null);
      assertThat(it.next()).isTrue();
      assertThat(it.atT()).isEqualTo(1000);
      assertThat(it.next()).isTrue();
      assertThat(it.atV()).isEqualTo(0);
      assertThat(it.next()).isFalse();
      assertThat(set.next()).isFalse();
      assertThat(q.labelValues("job")).containsExactly("a", "b");
    }
    assertThatThrownBy(() -> s.appender().append(Labels.of("__name__", "up", "job", "a"), 10, 1))
        .isInstanceOf(OutOfOrderSampleException.class);
  }
}
