package io.moraine.logs.push;

import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import io.moraine.core.logs.LogEntryRejectedException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Loki 2.9's distributor checks with its discard reasons and messages: a stream's labels (parsed,
 * empty values dropped, sorted; then missing, too many, name or value too long, duplicate names)
 * and each entry (too old, too far in the future, line too long, structured metadata not allowed).
 * Stateless.
 */
final class PushValidator {
  static final String INVALID_LABELS = "invalid_labels";
  static final String MISSING_LABELS = "missing_labels";
  static final String MAX_LABEL_NAMES = "max_label_names_per_series";
  static final String NAME_TOO_LONG = "label_name_too_long";
  static final String VALUE_TOO_LONG = "label_value_too_long";
  static final String DUPLICATE_NAMES = "duplicate_label_names";
  static final String TOO_OLD = "greater_than_max_sample_age";
  static final String TOO_NEW = "too_far_in_future";
  static final String LINE_TOO_LONG = "line_too_long";
  static final String METADATA_DISALLOWED = "disallowed_structured_metadata";
  static final String RATE_LIMITED = "rate_limited";

  private PushValidator() {}

  /** The text Loki names a stream by before its labels are parsed. */
  static String sentText(PushStream s) {
    String text = s.labelsText();
    if (text != null) {
      return text;
    }
    String[] kv = s.labelPairs();
    return kv == null ? "{}" : render(sortedPairs(kv, false));
  }

  /**
   * The stream's validated labels.
   *
   * @throws LogEntryRejectedException with the reason and Loki's message when they are refused
   */
  static Labels streamLabels(PushStream s, IngestLimits limits) {
    String[] kv;
    String text = s.labelsText();
    if (text != null) {
      try {
        kv = StreamLabelParser.parse(text);
      } catch (StreamLabelParser.SyntaxException e) {
        throw invalid(s, String.valueOf(e.getMessage()));
      }
    } else {
      kv = s.labelPairs();
      if (kv == null) {
        throw new IllegalStateException("BUG: stream without labels");
      }
      for (int i = 0; i < kv.length; i += 2) {
        if (!LabelValidation.isValidLabelName(kv[i])) {
          throw invalid(s, "invalid label name \"" + kv[i] + "\"");
        }
      }
    }
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i].equals(Labels.METRIC_NAME)) {
        throw invalid(s, "a stream may not have a metric name (__name__)");
      }
      if (!LabelValidation.isValidUtf16(kv[i + 1])) {
        throw invalid(s, "label " + kv[i] + " has a value that is not valid UTF-8");
      }
    }
    String[] sorted = sortedPairs(kv, true);
    checkLabels(s, sorted, limits);
    return Labels.ofSorted(sorted);
  }

  /** Checks the sorted pairs; the stream's text ({@link #sentText}) is rendered only to refuse. */
  private static void checkLabels(PushStream s, String[] kv, IngestLimits limits) {
    int n = kv.length / 2;
    if (n == 0) {
      throw new LogEntryRejectedException(
          MISSING_LABELS, "error at least one label pair is required per stream");
    }
    if (n > limits.maxLabelNamesPerSeries()) {
      throw new LogEntryRejectedException(
          MAX_LABEL_NAMES,
          "entry for stream '"
              + sentText(s)
              + "' has "
              + n
              + " label names; limit "
              + limits.maxLabelNamesPerSeries());
    }
    String last = "";
    for (int i = 0; i < kv.length; i += 2) {
      String name = kv[i];
      if (utf8Length(name) > limits.maxLabelNameLength()) {
        throw new LogEntryRejectedException(
            NAME_TOO_LONG, "stream '" + sentText(s) + "' has label name too long: '" + name + "'");
      } else if (utf8Length(kv[i + 1]) > limits.maxLabelValueLength()) {
        throw new LogEntryRejectedException(
            VALUE_TOO_LONG,
            "stream '" + sentText(s) + "' has label value too long: '" + kv[i + 1] + "'");
      } else if (name.equals(last)) {
        throw new LogEntryRejectedException(
            DUPLICATE_NAMES,
            "stream '" + sentText(s) + "' has duplicate label name: '" + name + "'");
      }
      last = name;
    }
  }

  /**
   * Checks entry {@code i}; null when it passes.
   *
   * @param stream the stream's labels, printed in the message only when the entry is refused
   * @param nowNanos the wall-clock time of the push
   */
  static @Nullable LogEntryRejectedException checkEntry(
      PushStream s, int i, Labels stream, long nowNanos, IngestLimits limits) {
    long ts = s.timestampNanos(i);
    if (limits.rejectOldSamples() && ts < nowNanos - limits.rejectOldSamplesMaxAgeNanos()) {
      return new LogEntryRejectedException(
          TOO_OLD,
          "entry for stream '"
              + stream
              + "' has timestamp too old: "
              + rfc3339(ts)
              + ", oldest acceptable timestamp is: "
              + rfc3339(nowNanos - limits.rejectOldSamplesMaxAgeNanos()));
    }
    if (ts > nowNanos + limits.creationGracePeriodNanos()) {
      return new LogEntryRejectedException(
          TOO_NEW, "entry for stream '" + stream + "' has timestamp too new: " + rfc3339(ts));
    }
    int max = limits.maxLineSizeBytes();
    if (max != 0 && s.lineLength(i) > max) {
      return new LogEntryRejectedException(
          LINE_TOO_LONG,
          "Max entry size '"
              + max
              + "' bytes exceeded for stream '"
              + stream
              + "' while adding an entry with length '"
              + s.lineLength(i)
              + "' bytes");
    }
    if (!limits.allowStructuredMetadata() && !s.metadata(i).isEmpty()) {
      return new LogEntryRejectedException(
          METADATA_DISALLOWED,
          "stream '"
              + stream
              + "' includes structured metadata, but this feature is disallowed. Please see"
              + " `limits_config.structured_metadata` or contact your Loki administrator to"
              + " enable it.");
    }
    return null;
  }

  /** Go's {@code time.RFC3339} in UTC: seconds, {@code Z}. */
  static String rfc3339(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L))
        .truncatedTo(ChronoUnit.SECONDS)
        .toString();
  }

  private static LogEntryRejectedException invalid(PushStream s, String why) {
    return new LogEntryRejectedException(
        INVALID_LABELS, "Error parsing labels '" + sentText(s) + "' with error: " + why);
  }

  /** Pairs sorted by name (stable, duplicates kept), empty values dropped when asked. */
  private static String[] sortedPairs(String[] kv, boolean dropEmpty) {
    int n = 0;
    Integer[] order = new Integer[kv.length / 2];
    for (int i = 0; i < kv.length; i += 2) {
      if (!dropEmpty || !kv[i + 1].isEmpty()) {
        order[n++] = i;
      }
    }
    Integer[] used = Arrays.copyOf(order, n);
    Arrays.sort(used, (a, b) -> kv[a].compareTo(kv[b]));
    String[] out = new String[n * 2];
    for (int j = 0; j < n; j++) {
      out[2 * j] = kv[used[j]];
      out[2 * j + 1] = kv[used[j] + 1];
    }
    return out;
  }

  private static String render(String[] kv) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < kv.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(kv[i]).append("=\"");
      Labels.appendEscaped(sb, kv[i + 1]);
      sb.append('"');
    }
    return sb.append('}').toString();
  }

  private static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n +=
          c < 0x80
              ? 1
              : c < 0x800
                  ? 2
                  : Character.isHighSurrogate(c) ? 4 : Character.isLowSurrogate(c) ? 0 : 3;
    }
    return n;
  }
}
