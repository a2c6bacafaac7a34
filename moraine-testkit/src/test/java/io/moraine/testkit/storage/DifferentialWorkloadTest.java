package io.moraine.testkit.storage;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.OutOfOrderSampleException;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.Storage;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The differential workload passes for a correct store and catches broken ones. */
class DifferentialWorkloadTest {
  private static final int OPS = 3000;

  @Test
  void aCorrectStorePasses() {
    for (long seed = 1; seed <= 3; seed++) {
      long s = seed;
      assertThatCode(() -> new DifferentialWorkload(new ReferenceStorage(), s).run(OPS))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void aStoreThatDropsTheLastMillisecondOfTheRangeFails() {
    Storage broken =
        new Mutant(new ReferenceStorage(), a -> a) {
          @Override
          public Querier querier(long mint, long maxt) {
            return delegate.querier(mint, maxt == Long.MAX_VALUE ? maxt : maxt - 1);
          }
        };
    assertThatThrownBy(() -> new DifferentialWorkload(broken, 42).run(OPS))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aStoreThatSilentlyAcceptsOutOfOrderSamplesFails() {
    Storage broken =
        new Mutant(
            new ReferenceStorage(),
            a ->
                new ForwardingAppender(a) {
                  @Override
                  public long append(Labels labels, long t, double v) {
                    try {
                      return super.append(labels, t, v);
                    } catch (OutOfOrderSampleException e) {
                      return 0;
                    }
                  }
                });
    assertThatThrownBy(() -> new DifferentialWorkload(broken, 42).run(OPS))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aStoreThatLosesRollbacksIntoCommitsFails() {
    Storage broken =
        new Mutant(
            new ReferenceStorage(),
            a ->
                new ForwardingAppender(a) {
                  @Override
                  public void rollback() {
                    super.commit();
                  }
                });
    assertThatThrownBy(() -> new DifferentialWorkload(broken, 42).run(OPS))
        .isInstanceOf(AssertionError.class);
  }

  /** A store that forwards to another, with its appenders wrapped. */
  private static class Mutant implements Storage {
    final Storage delegate;
    private final UnaryOperator<Appender> wrap;

    Mutant(Storage delegate, UnaryOperator<Appender> wrap) {
      this.delegate = delegate;
      this.wrap = wrap;
    }

    @Override
    public Appender appender() {
      return wrap.apply(delegate.appender());
    }

    @Override
    public Querier querier(long mint, long maxt) {
      return delegate.querier(mint, maxt);
    }

    @Override
    public long minTime() {
      return delegate.minTime();
    }

    @Override
    public long maxTime() {
      return delegate.maxTime();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static class ForwardingAppender implements Appender {
    private final Appender delegate;

    ForwardingAppender(Appender delegate) {
      this.delegate = delegate;
    }

    @Override
    public long append(Labels labels, long t, double v) {
      return delegate.append(labels, t, v);
    }

    @Override
    public long append(long ref, long t, double v) {
      return delegate.append(ref, t, v);
    }

    @Override
    public void commit() {
      delegate.commit();
    }

    @Override
    public void rollback() {
      delegate.rollback();
    }
  }
}
