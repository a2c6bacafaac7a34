package io.moraine.server.cli;

import io.moraine.core.storage.Queryable;
import io.moraine.graph.usage.UsageSource;
import io.moraine.promql.engine.Engine;
import io.moraine.promql.engine.QueryContext;
import io.moraine.promql.engine.QueryException;
import io.moraine.promql.parser.ParseException;
import io.moraine.promql.parser.Parser;
import io.moraine.promql.value.InstantVector;
import io.moraine.promql.value.QueryValue;
import io.moraine.promql.value.Scalar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The graph's {@link UsageSource} over the server's PromQL engine and store, as rules evaluate: an
 * instant query with a deadline; a vector comes back as it is, a scalar as one sample without
 * labels, anything else (or a parse or evaluation error) fails with the engine's message.
 * Thread-safe.
 */
final class EngineUsageSource implements UsageSource {
  private final Engine engine;
  private final Supplier<? extends Queryable> store;
  private final long timeoutNanos;

  /**
   * @param store gives the open store at each call (it may throw while the store is not ready)
   * @param timeoutMillis the deadline of one expression
   */
  EngineUsageSource(Engine engine, Supplier<? extends Queryable> store, long timeoutMillis) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.store = Objects.requireNonNull(store, "store");
    this.timeoutNanos = timeoutMillis * 1_000_000;
  }

  @Override
  public List<Sample> instant(String promql, Instant at) throws UsageException {
    QueryValue v;
    try {
      v =
          engine.instant(
              store.get(),
              Parser.parse(promql),
              at.toEpochMilli(),
              QueryContext.withTimeout(timeoutNanos));
    } catch (ParseException | QueryException e) {
      throw new UsageException(String.valueOf(e.getMessage()), e);
    }
    return switch (v) {
      case InstantVector iv -> {
        List<Sample> out = new ArrayList<>(iv.samples().size());
        for (io.moraine.promql.value.Sample s : iv.samples()) {
          out.add(new Sample(s.labels().toMap(), s.v()));
        }
        yield out;
      }
      case Scalar s -> List.of(new Sample(Map.of(), s.v()));
      default -> throw new UsageException("expression result is not a vector or scalar: " + promql);
    };
  }
}
