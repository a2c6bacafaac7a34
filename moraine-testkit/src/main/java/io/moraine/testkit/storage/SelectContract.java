package io.moraine.testkit.storage;

import static io.moraine.testkit.storage.ContractSupport.commit;
import static io.moraine.testkit.storage.ContractSupport.read;
import static io.moraine.testkit.storage.ContractSupport.select;
import static io.moraine.testkit.storage.ContractSupport.selectAll;
import static io.moraine.testkit.storage.SelectFixture.API_FOO;
import static io.moraine.testkit.storage.SelectFixture.API_FOOBAR;
import static io.moraine.testkit.storage.SelectFixture.DB;
import static io.moraine.testkit.storage.SelectFixture.OTHER;
import static io.moraine.testkit.storage.SelectFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.testkit.storage.ContractSupport.Point;
import io.moraine.testkit.storage.ContractSupport.SeriesDump;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Selects: the four matcher types with Prometheus semantics, series order, ranges, iterators. */
public interface SelectContract extends StorageFixture {
  private List<Labels> labelsOf(Matcher... matchers) {
    return selectAll(storage(), matchers).stream().map(SeriesDump::labels).toList();
  }

  @Test
  default void equalAndNotEqualMatchers() {
    SelectFixture.commitAll(storage());
    assertThat(labelsOf(Matcher.eq("job", "api"))).containsExactly(API_FOO, API_FOOBAR, OTHER);
    assertThat(labelsOf(Matcher.eq("__name__", "m"), Matcher.neq("job", "api")))
        .containsExactly(WEB, DB);
    // != selects series that lack the label
    assertThat(labelsOf(Matcher.eq("__name__", "m"), Matcher.neq("path", "/foo")))
        .containsExactly(WEB, API_FOOBAR, DB);
    assertThat(labelsOf(Matcher.eq("job", "nope"))).isEmpty();
  }

  @Test
  default void emptyValueMatchesSeriesWithoutTheLabel() {
    SelectFixture.commitAll(storage());
    assertThat(labelsOf(Matcher.eq("__name__", "m"), Matcher.eq("path", ""))).containsExactly(DB);
    assertThat(labelsOf(Matcher.eq("__name__", "m"), Matcher.eq("nope", "")))
        .containsExactly(WEB, API_FOO, API_FOOBAR, DB);
    assertThat(labelsOf(Matcher.eq("__name__", "m"), Matcher.neq("env", ""))).containsExactly(WEB);
    assertThat(labelsOf(Matcher.eq("__name__", "m"), Matcher.re("path", ""))).containsExactly(DB);
    assertThat(labelsOf(Matcher.eq("__name__", "m"), Matcher.nre("path", ".+")))
        .containsExactly(DB);
    assertThat(labelsOf(Matcher.eq("__name__", "m"), Matcher.re("path", ".*")))
        .containsExactly(WEB, API_FOO, API_FOOBAR, DB);
  }

  @Test
  default void regexMatchersAreAnchored() {
    SelectFixture.commitAll(storage());
    assertThat(labelsOf(Matcher.re("path", "/foo"))).containsExactly(API_FOO);
    assertThat(labelsOf(Matcher.re("path", "foo"))).isEmpty();
    assertThat(labelsOf(Matcher.re("path", "/fo"))).isEmpty();
    assertThat(labelsOf(Matcher.re("instance", "[ab]:\\d")))
        .containsExactly(API_FOO, API_FOOBAR, DB);
    assertThat(labelsOf(Matcher.re("instance", "a:"))).isEmpty();
    assertThat(labelsOf(Matcher.re("job", "API"))).isEmpty();
    assertThat(labelsOf(Matcher.eq("__name__", "m"), Matcher.nre("path", "/foo")))
        .containsExactly(WEB, API_FOOBAR, DB);
  }

  @Test
  default void regexPrefixAndAlternationShapes() {
    SelectFixture.commitAll(storage());
    assertThat(labelsOf(Matcher.re("path", "/foo.*"))).containsExactly(WEB, API_FOO, API_FOOBAR);
    assertThat(labelsOf(Matcher.re("path", "/foo.+"))).containsExactly(WEB, API_FOOBAR);
    assertThat(labelsOf(Matcher.re("path", "/foo/.*"))).containsExactly(WEB);
    assertThat(labelsOf(Matcher.re("job", "api|db")))
        .containsExactly(API_FOO, API_FOOBAR, DB, OTHER);
    assertThat(labelsOf(Matcher.re("job", "(db|web)"))).containsExactly(WEB, DB);
    assertThat(labelsOf(Matcher.re("job", "(?:web|nope)"))).containsExactly(WEB);
    assertThat(labelsOf(Matcher.re("job", "ap|d"))).isEmpty();
    assertThat(labelsOf(Matcher.eq("__name__", "m"), Matcher.nre("job", "api|db")))
        .containsExactly(WEB);
    assertThat(labelsOf(Matcher.re("__name__", ".+"), Matcher.re("job", "a.*")))
        .containsExactly(API_FOO, API_FOOBAR, OTHER);
  }

  @Test
  default void selectorsMatchingOnlyTheEmptyStringAreRejected() {
    SelectFixture.commitAll(storage());
    for (Matcher[] ms :
        List.of(
            new Matcher[0],
            new Matcher[] {Matcher.re("job", ".*")},
            new Matcher[] {Matcher.eq("path", "")},
            new Matcher[] {Matcher.neq("job", "api"), Matcher.nre("path", "/foo")})) {
      try (Querier q = storage().querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
        assertThatThrownBy(() -> q.select(true, SelectHints.NONE, ms))
            .as("select %s", List.of(ms))
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  default void sortedSelectReturnsSeriesInLabelsOrder() {
    List<Labels> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Labels.Builder b =
          Labels.builder().add("__name__", i % 3 == 0 ? "a" : "a_b").add("i", "" + i);
      if (i % 4 == 0) {
        b.add("z", "x" + (i % 7));
      }
      if (i % 5 == 0) {
        b.add("b", "y");
      }
      all.add(b.build());
    }
    List<Labels> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, new Random(7));
    Appender app = storage().appender();
    for (Labels l : shuffled) {
      app.append(l, 10, 1);
    }
    app.commit();
    Collections.sort(all);

    assertThat(labelsOf(Matcher.re("__name__", "a.*"))).containsExactlyElementsOf(all);
    try (Querier q = storage().querier(0, 100)) {
      List<Labels> unsorted =
          read(q, false, SelectHints.NONE, 0, 100, Matcher.re("__name__", "a.*")).stream()
              .map(SeriesDump::labels)
              .toList();
      assertThat(unsorted).containsExactlyInAnyOrderElementsOf(all);
    }
  }

  @Test
  default void samplesAreLimitedToTheQuerierRangeInclusive() {
    Labels s = Labels.of("__name__", "m");
    double[] tv = new double[22];
    for (int i = 0; i <= 10; i++) {
      tv[2 * i] = i * 10;
      tv[2 * i + 1] = i;
    }
    commit(storage(), s, tv);

    assertThat(select(storage(), 20, 50, Matcher.eq("__name__", "m")).getFirst().points())
        .containsExactly(Point.of(20, 2), Point.of(30, 3), Point.of(40, 4), Point.of(50, 5));
    assertThat(select(storage(), 20, 20, Matcher.eq("__name__", "m")).getFirst().points())
        .containsExactly(Point.of(20, 2));
    assertThat(select(storage(), 21, 29, Matcher.eq("__name__", "m"))).isEmpty();
    assertThat(select(storage(), 101, 1000, Matcher.eq("__name__", "m"))).isEmpty();
    try (Querier q = storage().querier(0, 100)) {
      List<Point> hinted =
          read(q, true, new SelectHints(30, 40), 0, 100, Matcher.eq("__name__", "m"))
              .getFirst()
              .points();
      assertThat(hinted).contains(Point.of(30, 3), Point.of(40, 4));
    }
  }

  @Test
  default void seekMovesForwardOnly() {
    Labels s = Labels.of("__name__", "m");
    commit(storage(), s, 10, 1, 20, 2, 30, 3, 40, 4);
    try (Querier q = storage().querier(0, 100)) {
      SeriesSet set = q.select(true, SelectHints.NONE, Matcher.eq("__name__", "m"));
      assertThat(set.next()).isTrue();
      SampleIterator it = set.at().iterator(null);
      assertThat(it.seek(5)).isTrue();
      assertThat(it.atT()).isEqualTo(10);
      assertThat(it.seek(25)).isTrue();
      assertThat(it.atT()).isEqualTo(30);
      assertThat(it.atV()).isEqualTo(3);
      assertThat(it.seek(15)).as("seek never goes backwards").isTrue();
      assertThat(it.atT()).isEqualTo(30);
      assertThat(it.seek(30)).isTrue();
      assertThat(it.atT()).isEqualTo(30);
      assertThat(it.next()).isTrue();
      assertThat(it.atT()).isEqualTo(40);
      assertThat(it.seek(41)).isFalse();
      assertThat(it.next()).isFalse();

      SampleIterator again = set.at().iterator(it);
      assertThat(again.seek(20)).as("a reused iterator starts over").isTrue();
      assertThat(again.atT()).isEqualTo(20);
      assertThat(again.next()).isTrue();
      assertThat(again.atT()).isEqualTo(30);
      assertThat(set.next()).isFalse();
    }
  }
}
