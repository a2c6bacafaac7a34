package io.moraine.server.api.graph;

import io.moraine.core.storage.Queryable;
import io.moraine.graph.usage.UsageSource;
import io.moraine.promql.engine.Engine;
import io.moraine.promql.engine.QueryContext;
import io.moraine.promql.engine.QueryException;
import io.moraine.promql.parser.Parser;
import io.moraine.promql.value.InstantVector;
import io.moraine.promql.value.QueryValue;
import io.moraine.promql.value.Scalar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The graph's {@link UsageSource} over the server's PromQL engine and store: each expression is
 * parsed and evaluated at one instant under {@code timeoutMillis}. Thread-safe.
 */
public final class PromqlUsage implements UsageSource {
  private final Engine engine;
  private final Supplier<? extends Queryable> store;
  private final long timeoutNanos;

  /**
   * @param store the store to read, asked at each evaluation (it may throw while not open; that
   *     evaluation then fails)
   * @param timeoutMillis the bound of one evaluation
   */
  public PromqlUsage(Engine engine, Supplier<? extends Queryable> store, long timeoutMillis) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.store = Objects.requireNonNull(store, "store");
    if (timeoutMillis <= 0) {
      throw new IllegalArgumentException("usage query timeout must be positive");
    }
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
  }

  @Override
  public List<UsageSource.Sample> instant(String promql, Instant at) throws UsageException {
    QueryValue v;
    try {
      v =
          engine.instant(
              store.get(),
              Parser.parse(promql),
              at.toEpochMilli(),
              QueryContext.withTimeout(timeoutNanos));
    } catch (QueryException | io.moraine.promql.parser.ParseException e) {
      throw new UsageException(String.valueOf(e.getMessage()), e);
    } catch (RuntimeException e) {
      // the store not open yet, or failing to read
      throw new UsageException("cannot evaluate " + promql + ": " + e.getMessage(), e);
    }
    return switch (v) {
      case InstantVector iv -> {
        List<UsageSource.Sample> out = new ArrayList<>(iv.samples().size());
        for (io.moraine.promql.value.Sample s : iv.samples()) {
          out.add(new UsageSource.Sample(s.labels().toMap(), s.v()));
        }
        yield out;
      }
      case Scalar s -> List.of(new UsageSource.Sample(Map.of(), s.v()));
      default -> throw new UsageException("not an instant vector or scalar: " + promql);
    };
  }
}
