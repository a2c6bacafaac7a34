package io.moraine.ingest.remotewrite;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.UnknownSeriesRefException;
import io.moraine.ingest.remotewrite.queue.SampleBatch;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Appendable} that forwards to a store and, after each successful commit, hands the
 * committed samples (labels, time, value bit-exact) to every sink, in append order, before {@code
 * commit} returns. Thread-safe as an Appendable; each appender is single-threaded like any other.
 *
 * <p>A sink that throws does not fail the commit (the store already has the samples): the failure
 * is logged and counted in {@link #sinkFailures}. A rolled-back batch reaches no sink.
 */
public final class RemoteWriteTee implements Appendable {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteTee.class);

  /** Refs remembered per generation; 1 Mi covers a large site's active series. */
  private static final int REFS_PER_GENERATION = 1 << 20;

  private final Appendable store;
  private volatile List<Consumer<SampleBatch>> sinks;
  private final RefLabels refs = new RefLabels(REFS_PER_GENERATION);
  private final AtomicLong highestTimestamp = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong sinkFailures = new AtomicLong();

  /**
   * @param store where samples are stored first
   * @param sinks where committed batches go (each a remote's queue); called on the committing
   *     thread, possibly from many threads at once
   */
  public RemoteWriteTee(Appendable store, List<? extends Consumer<SampleBatch>> sinks) {
    this.store = Objects.requireNonNull(store, "store");
    this.sinks = List.copyOf(sinks);
  }

  /**
   * Replaces the sinks (a remote-write reload). Appenders created before keep collecting as they
   * did; at commit they hand their batch to the sinks of that moment. With no sinks, new appenders
   * are the store's own.
   */
  public void setSinks(List<? extends Consumer<SampleBatch>> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  /**
   * An appender of the store that, while there are sinks, also collects its batch for them. Series
   * refs from an appender made while there were none are unknown to a teeing one ({@link
   * UnknownSeriesRefException}: the caller appends by labels, as the contract says).
   */
  @Override
  public Appender appender() {
    Appender inner = store.appender();
    return sinks.isEmpty() ? inner : new TeeAppender(inner);
  }

  /** The highest sample time committed through this tee, ms; {@code Long.MIN_VALUE} if none. */
  public long highestTimestampMillis() {
    return highestTimestamp.get();
  }

  /** Batches a sink failed to take. */
  public long sinkFailures() {
    return sinkFailures.get();
  }

  private final class TeeAppender implements Appender, SampleBatch {
    private final Appender inner;
    private Labels[] labels = new Labels[64];
    private long[] ts = new long[64];
    private double[] vs = new double[64];
    private int n;
    private long maxT = Long.MIN_VALUE;

    TeeAppender(Appender inner) {
      this.inner = inner;
    }

    @Override
    public long append(Labels l, long t, double v) {
      long ref = inner.append(l, t, v);
      refs.put(ref, l);
      add(l, t, v);
      return ref;
    }

    @Override
    public long append(long ref, long t, double v) {
      Labels l = refs.get(ref);
      if (l == null) {
        throw new UnknownSeriesRefException("series ref " + ref + " not known to the tee");
      }
      long r = inner.append(ref, t, v);
      if (r != ref) {
        refs.put(r, l);
      }
      add(l, t, v);
      return r;
    }

    private void add(Labels l, long t, double v) {
      if (n == ts.length) {
        labels = Arrays.copyOf(labels, n * 2);
        ts = Arrays.copyOf(ts, n * 2);
        vs = Arrays.copyOf(vs, n * 2);
      }
      labels[n] = l;
      ts[n] = t;
      vs[n] = v;
      n++;
      if (t > maxT) {
        maxT = t;
      }
    }

    @Override
    public void commit() {
      inner.commit();
      if (n == 0) {
        return;
      }
      highestTimestamp.accumulateAndGet(maxT, Math::max);
      for (Consumer<SampleBatch> sink : sinks) { // those of now: a reload may have changed them
        try {
          sink.accept(this);
        } catch (RuntimeException e) {
          sinkFailures.incrementAndGet();
          LOG.atError()
              .addKeyValue("samples", n)
              .addKeyValue("detail", e.getMessage())
              .setCause(e)
              .log("committed samples could not be queued for remote write");
        }
      }
      n = 0;
    }

    @Override
    public void rollback() {
      n = 0;
      inner.rollback();
    }

    @Override
    public int size() {
      return n;
    }

    @Override
    public Labels labels(int i) {
      return labels[i];
    }

    @Override
    public long t(int i) {
      return ts[i];
    }

    @Override
    public double v(int i) {
      return vs[i];
    }
  }
}
