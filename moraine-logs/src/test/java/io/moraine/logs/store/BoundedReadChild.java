package io.moraine.logs.store;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogCursor;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogReadStats;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.core.logs.LogStreamSet;
import io.moraine.core.time.Clock;
import io.moraine.logs.logql.engine.EngineOptions;
import io.moraine.logs.logql.engine.LogqlEngine;
import io.moraine.logs.logql.engine.QueryResult;
import io.moraine.logs.logql.parser.LogqlParser;
import io.moraine.testkit.logs.LogLineGenerator;
import java.nio.file.Path;
import java.util.List;

/**
 * Child JVM of {@link BoundedReadTest}, run with a heap far smaller than the data: writes {@code
 * args[1]} MB of lines into a store in {@code args[0]} (flushed to segments as it goes), then reads
 * every entry back through a querier and runs a log query and a metric query over the whole range.
 * Prints {@code WROTE n}, {@code READ n}, {@code LOGS n}, {@code COUNT n}.
 */
public final class BoundedReadChild {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long STEP = 1_000_000L; // 1 ms between entries of a stream

  private BoundedReadChild() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    long target = Long.parseLong(args[1]) << 20;
    LogLineGenerator gen = new LogLineGenerator(7);
    LogLineGenerator.Kind[] kinds = LogLineGenerator.Kind.values();
    long written = 0;
    long entries = 0;
    long last = T0;
    try (LogStore store =
        LogStore.open(dir, LogStoreOptions.DEFAULT.withoutBackground(), Clock.SYSTEM)) {
      long sinceFlush = 0;
      while (written < target) {
        LogAppender a = store.appender("t");
        for (int i = 0; i < 1000; i++) {
          int s = (int) (entries % 8);
          String line = gen.next(kinds[s % kinds.length]);
          last = T0 + entries * STEP;
          a.append(Labels.of("app", "a" + s), last, line, Labels.EMPTY);
          written += line.length();
          sinceFlush += line.length();
          entries++;
        }
        a.commit();
        if (sinceFlush > (8 << 20)) {
          store.flushAll();
          sinceFlush = 0;
        }
      }
      store.flushAll();
      System.out.println("WROTE " + entries);
      long read = 0;
      try (LogQuerier q = store.querier("t", T0, last)) {
        LogStreamSet set =
            q.select(List.of(Matcher.re("app", ".+")), LogSelectHints.all(Direction.FORWARD));
        while (set.next()) {
          LogCursor c = set.cursor();
          while (c.next()) {
            read++;
          }
        }
      }
      System.out.println("READ " + read);
      LogqlEngine engine = new LogqlEngine(store, EngineOptions.DEFAULT);
      QueryResult logs =
          engine.range(
              "t",
              LogqlParser.parse("{app=~\".+\"} |= \"e\""),
              T0,
              last + 1,
              60_000_000_000L,
              0,
              1000,
              Direction.BACKWARD,
              new LogReadStats());
      long returned = 0;
      for (QueryResult.Stream st : ((QueryResult.Streams) logs).streams()) {
        returned += st.entries().size();
      }
      System.out.println("LOGS " + returned);
      QueryResult count =
          engine.instant(
              "t",
              LogqlParser.parse("sum(count_over_time({app=~\".+\"}[1d]))"),
              last + 1,
              100,
              Direction.BACKWARD,
              new LogReadStats());
      double n = ((QueryResult.Vector) count).samples().get(0).value();
      System.out.println("COUNT " + (long) n);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
