package io.moraine.testkit.storage;

import io.moraine.core.labels.InvalidLabelsException;
import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.DuplicateSampleException;
import io.moraine.core.storage.InvalidSeriesException;
import io.moraine.core.storage.OutOfOrderSampleException;
import io.moraine.core.storage.UnknownSeriesRefException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The appender of {@link ReferenceStorage}: checks each sample, buffers the batch until commit. */
final class ReferenceAppender implements Appender {
  /** One accepted, uncommitted sample. */
  record Pending(Labels labels, long t, long valueBits) {}

  private final ReferenceStorage store;
  private final List<Pending> batch = new ArrayList<>();
  private final Map<Labels, Pending> newestPending = new HashMap<>();
  private boolean done;

  ReferenceAppender(ReferenceStorage store) {
    this.store = store;
  }

  @Override
  public long append(Labels labels, long t, double v) {
    checkNotDone();
    Objects.requireNonNull(labels, "labels");
    try {
      LabelValidation.validate(labels);
    } catch (InvalidLabelsException e) {
      throw new InvalidSeriesException(Objects.requireNonNullElse(e.getMessage(), "invalid"));
    }
    long ref = store.refOf(labels);
    add(labels, t, v);
    return ref;
  }

  @Override
  public long append(long ref, long t, double v) {
    checkNotDone();
    Labels labels = store.labelsOf(ref);
    if (labels == null) {
      throw new UnknownSeriesRefException("unknown series ref " + ref);
    }
    add(labels, t, v);
    return ref;
  }

  @Override
  public void commit() {
    checkNotDone();
    done = true;
    store.commit(batch);
  }

  @Override
  public void rollback() {
    checkNotDone();
    done = true;
    batch.clear();
  }

  private void add(Labels labels, long t, double v) {
    long bits = Double.doubleToRawLongBits(v);
    long[] committed = store.newestCommitted(labels);
    Pending pending = newestPending.get(labels);
    boolean fresh = check(labels, t, bits, committed);
    if (pending != null) {
      fresh &= check(labels, t, bits, new long[] {pending.t(), pending.valueBits()});
    }
    if (fresh) {
      Pending p = new Pending(labels, t, bits);
      batch.add(p);
      newestPending.put(labels, p);
    }
  }

  /**
   * Checks a sample against a newest sample {@code {t, bits}} of its series.
   *
   * @return false when it equals that sample (accepted, but nothing to store)
   */
  private static boolean check(Labels labels, long t, long bits, long @Nullable [] newest) {
    if (newest == null || t > newest[0]) {
      return true;
    }
    if (t < newest[0]) {
      throw new OutOfOrderSampleException(
          "sample at t=" + t + " is older than the newest t=" + newest[0] + " of " + labels);
    }
    if (bits != newest[1]) {
      throw new DuplicateSampleException(
          "sample at t="
              + t
              + " has value "
              + Double.longBitsToDouble(bits)
              + " but the series "
              + labels
              + " already has "
              + Double.longBitsToDouble(newest[1])
              + " there");
    }
    return false;
  }

  private void checkNotDone() {
    if (done) {
      throw new IllegalStateException("appender used after commit or rollback");
    }
  }
}
