package io.moraine.tsdb.head;

import java.util.concurrent.atomic.LongAdder;

/** Counters the head keeps for self-metrics. Thread-safe. */
public final class HeadStats {
  final LongAdder samplesAppended = new LongAdder();
  final LongAdder outOfOrder = new LongAdder();
  final LongAdder duplicate = new LongAdder();
  final LongAdder tooOld = new LongAdder();
  final LongAdder invalidLabels = new LongAdder();
  final LongAdder unknownRef = new LongAdder();
  final LongAdder seriesCreated = new LongAdder();
  final LongAdder seriesRemoved = new LongAdder();

  public long samplesAppended() {
    return samplesAppended.sum();
  }

  /** Rejected samples by reason, as in {@code moraine_tsdb_samples_rejected_total{reason}}. */
  public long rejected(String reason) {
    return switch (reason) {
      case "out_of_order" -> outOfOrder.sum();
      case "duplicate" -> duplicate.sum();
      case "too_old" -> tooOld.sum();
      case "invalid_labels" -> invalidLabels.sum();
      case "unknown_ref" -> unknownRef.sum();
      default -> throw new IllegalArgumentException("BUG: unknown reason " + reason);
    };
  }

  public static final String[] REASONS = {
    "out_of_order", "duplicate", "too_old", "invalid_labels", "unknown_ref"
  };

  public long seriesCreated() {
    return seriesCreated.sum();
  }

  public long seriesRemoved() {
    return seriesRemoved.sum();
  }
}
