package io.moraine.testkit.storage;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.SampleRejectedException;
import io.moraine.core.storage.UnknownSeriesRefException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A fake {@link Appendable} that records committed batches and fails on request. For testing the
 * producers of samples (scrape, remote-write, rules) without a store.
 *
 * <p>It checks nothing itself: every sample is accepted unless a rejection was injected for it with
 * {@link #rejectSample}. Refs are handed out per distinct label set and stay valid. Thread-safe, as
 * {@link Appendable} requires; each appender is used by one thread.
 */
public final class RecordingAppendable implements Appendable {
  /**
   * One appended sample. As for any record, {@code equals} compares {@code v} with {@link
   * Double#compare}, so all NaNs are equal: use {@link io.moraine.core.sample.StaleNaN#isStale} to
   * tell the stale marker apart.
   */
  public record Sample(Labels labels, long t, double v) {}

  /** The samples of one committed appender, in append order. */
  public record Batch(List<Sample> samples) {
    public Batch {
      samples = List.copyOf(samples);
    }
  }

  private final Object lock = new Object();
  private final List<Batch> batches = new ArrayList<>();
  private final Map<Labels, Long> refs = new HashMap<>();
  private final List<Labels> byRef = new ArrayList<>();
  private final Deque<RuntimeException> commitFailures = new ArrayDeque<>();
  private final Map<Long, Function<String, ? extends SampleRejectedException>> rejections =
      new HashMap<>();
  private long appended;
  private int rollbacks;

  /**
   * Makes the next commit throw {@code failure} (typically an {@link java.io.UncheckedIOException})
   * and discard its batch, as a store whose log write failed. Calls queue up: each commit takes
   * one.
   */
  public void failNextCommit(RuntimeException failure) {
    synchronized (lock) {
      commitFailures.addLast(Objects.requireNonNull(failure));
    }
  }

  /**
   * Rejects the {@code n}-th sample appended through this appendable (1-based, counted across all
   * appenders, rejected ones included) with the exception that {@code rejection} makes from a
   * message, e.g. {@code OutOfOrderSampleException::new}. The batch goes on, as with a real store.
   */
  public void rejectSample(long n, Function<String, ? extends SampleRejectedException> rejection) {
    if (n < 1) {
      throw new IllegalArgumentException("samples are counted from 1, got " + n);
    }
    synchronized (lock) {
      rejections.put(n, Objects.requireNonNull(rejection));
    }
  }

  /** The committed batches in commit order. */
  public List<Batch> batches() {
    synchronized (lock) {
      return List.copyOf(batches);
    }
  }

  /** All committed samples, batch after batch. */
  public List<Sample> samples() {
    synchronized (lock) {
      List<Sample> all = new ArrayList<>();
      batches.forEach(b -> all.addAll(b.samples()));
      return all;
    }
  }

  /** Samples offered to any appender so far, rejected and rolled back ones included. */
  public long appendedCount() {
    synchronized (lock) {
      return appended;
    }
  }

  /** Appenders ended with rollback. */
  public int rollbackCount() {
    synchronized (lock) {
      return rollbacks;
    }
  }

  @Override
  public Appender appender() {
    return new RecordingAppender();
  }

  /** Counts a sample and throws the rejection injected for it, if any; returns the series ref. */
  private long offer(Labels labels) {
    synchronized (lock) {
      appended++;
      Function<String, ? extends SampleRejectedException> rejection = rejections.remove(appended);
      if (rejection != null) {
        throw rejection.apply("injected rejection of sample #" + appended + " " + labels);
      }
      Long ref = refs.get(labels);
      if (ref == null) {
        ref = (long) byRef.size() + 1;
        refs.put(labels, ref);
        byRef.add(labels);
      }
      return ref;
    }
  }

  private Labels labelsOf(long ref) {
    synchronized (lock) {
      if (ref < 1 || ref > byRef.size()) {
        appended++;
        throw new UnknownSeriesRefException("unknown series ref " + ref);
      }
      return byRef.get((int) ref - 1);
    }
  }

  private final class RecordingAppender implements Appender {
    private final List<Sample> pending = new ArrayList<>();
    private boolean done;

    @Override
    public long append(Labels labels, long t, double v) {
      checkNotDone();
      long ref = offer(Objects.requireNonNull(labels, "labels"));
      pending.add(new Sample(labels, t, v));
      return ref;
    }

    @Override
    public long append(long ref, long t, double v) {
      checkNotDone();
      Labels labels = labelsOf(ref);
      offer(labels);
      pending.add(new Sample(labels, t, v));
      return ref;
    }

    @Override
    public void commit() {
      checkNotDone();
      done = true;
      synchronized (lock) {
        RuntimeException failure = commitFailures.pollFirst();
        if (failure != null) {
          throw failure;
        }
        batches.add(new Batch(pending));
      }
    }

    @Override
    public void rollback() {
      checkNotDone();
      done = true;
      synchronized (lock) {
        rollbacks++;
      }
    }

    private void checkNotDone() {
      if (done) {
        throw new IllegalStateException("appender used after commit or rollback");
      }
    }
  }
}
