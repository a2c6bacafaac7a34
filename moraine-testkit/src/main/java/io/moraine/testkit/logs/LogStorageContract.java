package io.moraine.testkit.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogAppendable;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogCursor;
import io.moraine.core.logs.LogEntryRejectedException;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogQueryable;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.core.logs.LogStreamSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every log store passes: extend it, say how to open the store (with a 1 h
 * out-of-order window and a limit of 5 streams per tenant) and, for stores with a disk part, how to
 * move data there ({@link #persist}), so each test reads from memory and disk alike.
 *
 * @param <S> the store under test
 */
public abstract class LogStorageContract<S extends LogAppendable & LogQueryable & AutoCloseable> {
  /** 2024-01-01T00:00:00Z in ns. */
  protected static final long T0 = 1_704_067_200_000_000_000L;

  protected static final long SEC = 1_000_000_000L;
  protected static final String TENANT = "team-a";

  @TempDir @Nullable Path dir;
  private @Nullable S store;

  /** Opens the store on {@code dir}: 1 h out-of-order window, 5 streams per tenant. */
  protected abstract S open(Path dir);

  /** Moves what the store holds in memory to its disk part; no-op for memory-only stores. */
  protected void persist(S store) {}

  /** Whether committed entries survive close and {@link #open} again. */
  protected boolean supportsReopen() {
    return false;
  }

  @BeforeEach
  final void openStore() {
    store = open(Objects.requireNonNull(dir));
  }

  @AfterEach
  final void closeStore() throws Exception {
    if (store != null) {
      store.close();
    }
  }

  protected final S store() {
    return Objects.requireNonNull(store);
  }

  /** Every entry of the matching streams in range, as tab-separated "labels ts line metadata". */
  protected static List<String> read(
      LogQueryable q, String tenant, long min, long max, Direction d, Matcher... ms) {
    List<String> out = new ArrayList<>();
    try (LogQuerier querier = q.querier(tenant, min, max)) {
      LogStreamSet set = querier.select(List.of(ms), LogSelectHints.all(d));
      while (set.next()) {
        LogCursor c = set.cursor();
        while (c.next()) {
          String line =
              new String(c.lineBytes(), c.lineOffset(), c.lineLength(), StandardCharsets.UTF_8);
          out.add(
              set.labels() + "\t" + (c.timestampNanos() - T0) + "\t" + line + "\t" + c.metadata());
        }
      }
    }
    return out;
  }

  private static List<String> all(LogQueryable q, String tenant, Direction d) {
    return read(q, tenant, Long.MIN_VALUE, Long.MAX_VALUE, d, Matcher.re("app", ".+"));
  }

  private static void add(LogAppender a, String app, long offsetSec, String line) {
    a.append(Labels.of("app", app), T0 + offsetSec * SEC, line, Labels.EMPTY);
  }

  @Test
  void commitMakesABatchVisibleAndRollbackDiscardsIt() {
    LogAppender a = store().appender(TENANT);
    add(a, "web", 1, "one");
    add(a, "web", 2, "two");
    assertThat(all(store(), TENANT, Direction.FORWARD)).isEmpty();
    assertThat(a.commit()).isEqualTo(2);
    LogAppender b = store().appender(TENANT);
    add(b, "web", 3, "three");
    b.rollback();
    assertThat(all(store(), TENANT, Direction.FORWARD))
        .containsExactly(
            "{app=\"web\"}\t1000000000\tone\t{}", "{app=\"web\"}\t2000000000\ttwo\t{}");
  }

  @Test
  void outOfOrderWithinTheWindowIsSortedAndTooFarBehindIsRejected() {
    LogAppender a = store().appender(TENANT);
    add(a, "web", 7200, "newest");
    add(a, "web", 7200 - 3599, "within");
    assertThatThrownBy(() -> add(a, "web", 7200 - 3601, "too old"))
        .isInstanceOfSatisfying(
            LogEntryRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("too_far_behind");
              assertThat(e.getMessage()).contains("{app=\"web\"}");
            });
    add(a, "web", 7201, "after");
    assertThat(a.commit()).isEqualTo(3);
    persist(store());
    LogAppender b = store().appender(TENANT);
    assertThatThrownBy(() -> add(b, "web", 1, "way too old"))
        .isInstanceOf(LogEntryRejectedException.class);
    add(b, "web", 5000, "late but fine");
    b.commit();
    assertThat(all(store(), TENANT, Direction.FORWARD))
        .extracting(s -> s.split("\t")[2])
        .containsExactly("within", "late but fine", "newest", "after");
  }

  @Test
  void duplicatesAreDroppedAndEqualTimestampsKeepAppendOrder() {
    LogAppender a = store().appender(TENANT);
    add(a, "web", 1, "x");
    add(a, "web", 1, "y");
    add(a, "web", 1, "x");
    assertThat(a.commit()).isEqualTo(2);
    LogAppender b = store().appender(TENANT);
    add(b, "web", 1, "y");
    add(b, "web", 1, "z");
    assertThat(b.commit()).isEqualTo(1);
    assertThat(all(store(), TENANT, Direction.FORWARD))
        .extracting(s -> s.split("\t")[2])
        .containsExactly("x", "y", "z");
    assertThat(all(store(), TENANT, Direction.BACKWARD))
        .extracting(s -> s.split("\t")[2])
        .containsExactly("z", "y", "x");
  }

  @Test
  void bothDirectionsAcrossMemoryAndDiskWithInclusiveRange() {
    LogAppender a = store().appender(TENANT);
    for (int i = 0; i < 10; i++) {
      add(a, "web", i, "first-" + i);
    }
    a.commit();
    persist(store());
    LogAppender b = store().appender(TENANT);
    for (int i = 10; i < 20; i++) {
      add(b, "web", i, "second-" + i);
    }
    add(b, "web", 5, "late-5");
    b.commit();
    List<String> fwd =
        read(
            store(),
            TENANT,
            T0 + 4 * SEC,
            T0 + 12 * SEC,
            Direction.FORWARD,
            Matcher.eq("app", "web"));
    assertThat(fwd)
        .extracting(s -> s.split("\t")[2])
        .containsExactly(
            "first-4",
            "first-5",
            "late-5",
            "first-6",
            "first-7",
            "first-8",
            "first-9",
            "second-10",
            "second-11",
            "second-12");
    List<String> bwd =
        read(
            store(),
            TENANT,
            T0 + 4 * SEC,
            T0 + 12 * SEC,
            Direction.BACKWARD,
            Matcher.eq("app", "web"));
    assertThat(bwd).containsExactlyElementsOf(fwd.reversed());
  }

  @Test
  void allFourMatcherTypesSelectStreams() {
    LogAppender a = store().appender(TENANT);
    a.append(Labels.of("app", "web", "env", "prod"), T0, "w", Labels.EMPTY);
    a.append(Labels.of("app", "api", "env", "dev"), T0, "a", Labels.EMPTY);
    a.append(Labels.of("app", "db"), T0, "d", Labels.EMPTY);
    a.commit();
    persist(store());
    assertThat(lines(Matcher.eq("app", "web"))).containsExactly("w");
    assertThat(lines(Matcher.re("app", ".+"), Matcher.neq("env", "prod")))
        .containsExactly("a", "d");
    assertThat(lines(Matcher.re("app", "a.*|d.*"))).containsExactly("a", "d");
    assertThat(lines(Matcher.re("app", ".+"), Matcher.nre("env", "p.*|d.*"))).containsExactly("d");
    assertThat(lines(Matcher.re("env", ".+"))).containsExactly("a", "w");
    try (LogQuerier q = store().querier(TENANT, Long.MIN_VALUE, Long.MAX_VALUE)) {
      assertThatThrownBy(
              () ->
                  q.select(List.of(Matcher.re("app", ".*")), LogSelectHints.all(Direction.FORWARD)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private List<String> lines(Matcher... ms) {
    return read(store(), TENANT, Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD, ms).stream()
        .map(s -> s.split("\t")[2])
        .sorted()
        .toList();
  }

  @Test
  void labelApisAndStatsSeeMatchingStreamsInRange() {
    LogAppender a = store().appender(TENANT);
    a.append(Labels.of("app", "web", "env", "prod"), T0, "hello", Labels.EMPTY);
    a.append(Labels.of("app", "api", "team", "x"), T0 + 100 * SEC, "hi", Labels.EMPTY);
    a.commit();
    persist(store());
    try (LogQuerier q = store().querier(TENANT, T0, T0 + 10 * SEC)) {
      assertThat(q.series(List.of())).containsExactly(Labels.of("app", "web", "env", "prod"));
      assertThat(q.labelNames(List.of())).containsExactly("app", "env");
      assertThat(q.labelValues("app", List.of())).containsExactly("web");
      assertThat(q.stats(List.of(Matcher.eq("app", "web"))).entries()).isEqualTo(1);
      assertThat(q.stats(List.of(Matcher.eq("app", "web"))).bytes()).isEqualTo(5);
    }
    try (LogQuerier q = store().querier(TENANT, T0, T0 + 100 * SEC)) {
      assertThat(q.labelNames(List.of())).containsExactly("app", "env", "team");
      assertThat(q.labelValues("app", List.of(Matcher.eq("team", "x")))).containsExactly("api");
      assertThat(q.series(List.of(Matcher.neq("env", "prod"))))
          .containsExactly(Labels.of("app", "api", "team", "x"));
      assertThat(q.stats(List.of(Matcher.re("app", ".+"))).streams()).isEqualTo(2);
    }
  }

  @Test
  void tenantsAreKeptApart() {
    LogAppender a = store().appender("a");
    add(a, "web", 1, "for a");
    a.commit();
    LogAppender b = store().appender("b");
    add(b, "web", 1, "for b");
    b.commit();
    persist(store());
    assertThat(all(store(), "a", Direction.FORWARD))
        .extracting(s -> s.split("\t")[2])
        .containsExactly("for a");
    assertThat(all(store(), "b", Direction.FORWARD))
        .extracting(s -> s.split("\t")[2])
        .containsExactly("for b");
    assertThat(all(store(), "c", Direction.FORWARD)).isEmpty();
    try (LogQuerier q = store().querier("c", Long.MIN_VALUE, Long.MAX_VALUE)) {
      assertThat(q.labelNames(List.of())).isEmpty();
    }
  }

  @Test
  void structuredMetadataRoundTrips() {
    LogAppender a = store().appender(TENANT);
    Labels meta = Labels.of("trace_id", "abc123", "user", "Zoë");
    a.append(Labels.of("app", "web"), T0, "with meta ✓", meta);
    a.append(Labels.of("app", "web"), T0 + 1, "without", Labels.EMPTY);
    a.commit();
    List<String> before = all(store(), TENANT, Direction.FORWARD);
    assertThat(before)
        .containsExactly("{app=\"web\"}\t0\twith meta ✓\t" + meta, "{app=\"web\"}\t1\twithout\t{}");
    persist(store());
    assertThat(all(store(), TENANT, Direction.FORWARD)).isEqualTo(before);
  }

  @Test
  void newStreamsPastTheLimitAreRejected() {
    LogAppender a = store().appender(TENANT);
    for (int i = 0; i < 5; i++) {
      add(a, "app" + i, 1, "x");
    }
    assertThatThrownBy(() -> add(a, "app5", 1, "x"))
        .isInstanceOfSatisfying(
            LogEntryRejectedException.class, e -> assertThat(e.reason()).isEqualTo("stream_limit"));
    add(a, "app0", 2, "existing streams still take entries");
    assertThat(a.commit()).isEqualTo(6);
    LogAppender other = store().appender("other-tenant");
    add(other, "app5", 1, "another tenant has its own limit");
    assertThat(other.commit()).isEqualTo(1);
  }

  @Test
  void committedEntriesSurviveReopen() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(supportsReopen());
    LogAppender a = store().appender(TENANT);
    add(a, "web", 1, "persisted");
    a.commit();
    persist(store());
    LogAppender b = store().appender(TENANT);
    add(b, "web", 2, "only in the log");
    b.append(Labels.of("app", "web"), T0 + 3 * SEC, "meta", Labels.of("k", "v"));
    b.commit();
    List<String> before = all(store(), TENANT, Direction.FORWARD);
    store().close();
    store = open(Objects.requireNonNull(dir));
    assertThat(all(store(), TENANT, Direction.FORWARD)).isEqualTo(before).hasSize(3);
  }
}
