package io.moraine.ingest.textparse;

import io.moraine.core.labels.InvalidLabelsException;
import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the {@link Labels} of a series met for the first time, with Prometheus' semantics: escapes
 * {@code \\}, {@code \"} and {@code \n} undone (any other backslash kept as is), values checked as
 * UTF-8, {@code le} of a histogram and {@code quantile} of a summary rewritten as OpenMetrics
 * floats, duplicate names refused, empty values dropped, names checked by {@link LabelValidation}.
 * Runs once per new series, so it may allocate. Not thread-safe.
 */
final class SeriesLabels {
  private final MemorySegment in;
  private final ErrorLocator errors;
  private final SeriesRegistry registry;
  private byte[] scratch = new byte[256];

  SeriesLabels(MemorySegment in, ErrorLocator errors, SeriesRegistry registry) {
    this.in = in;
    this.errors = errors;
    this.registry = registry;
  }

  /** Whether a label named {@code le} or {@code quantile} is present (normalisation may apply). */
  boolean hasNormalisedLabel(LabelListReader list) {
    for (int i = 0; i < list.count; i++) {
      String n = decode(list.nameStart(i), list.nameEnd(i));
      if (n.equals("le") || n.equals("quantile")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The labels of a series whose metric name is {@code [nameStart, nameEnd)} and whose other labels
   * {@code list} holds.
   */
  Labels build(long nameStart, long nameEnd, LabelListReader list, byte typeClass) {
    int n = list.count;
    String[] kv = new String[2 * (n + 1)];
    long[] where = new long[n + 1];
    kv[0] = Labels.METRIC_NAME;
    kv[1] = decode(nameStart, nameEnd);
    where[0] = nameStart;
    for (int i = 0; i < n; i++) {
      long vs = list.valueStart(i);
      long ve = list.valueEnd(i);
      if (!Utf8.isValid(in, vs, ve)) {
        throw errors.at(vs, "invalid UTF-8 in label value " + errors.excerpt(vs, ve));
      }
      String name = decode(list.nameStart(i), list.nameEnd(i));
      if (!LabelValidation.isValidLabelName(name) && !name.equals(Labels.METRIC_NAME)) {
        throw errors.at(list.nameStart(i), "invalid label name " + GoFloat.quote(name));
      }
      for (int j = 0; j <= i; j++) {
        if (kv[2 * j].equals(name)) {
          throw errors.at(list.nameStart(i), "duplicate label name " + GoFloat.quote(name));
        }
      }
      kv[2 * i + 2] = name;
      kv[2 * i + 3] = normalise(typeClass, name, decode(vs, ve));
      where[i + 1] = list.nameStart(i);
    }
    Labels labels = Labels.ofSorted(sortedWithoutEmpty(kv));
    try {
      LabelValidation.validate(labels);
    } catch (InvalidLabelsException e) {
      throw errors.at(where[0], String.valueOf(e.getMessage()));
    }
    return labels;
  }

  private static String normalise(byte typeClass, String name, String value) {
    boolean applies =
        (typeClass == TypeClass.HISTOGRAM && name.equals("le"))
            || (typeClass == TypeClass.SUMMARY && name.equals("quantile"));
    if (!applies) {
      return value;
    }
    try {
      return OpenMetricsFloat.format(GoFloat.parse(value));
    } catch (IllegalArgumentException notAFloat) {
      return value;
    }
  }

  /** Insertion sort by name (label sets are small); drops pairs with empty values. */
  private static String[] sortedWithoutEmpty(String[] kv) {
    int pairs = 0;
    for (int i = 0; i < kv.length; i += 2) {
      if (!kv[i + 1].isEmpty()) {
        kv[2 * pairs] = kv[i];
        kv[2 * pairs + 1] = kv[i + 1];
        pairs++;
      }
    }
    String[] out = new String[2 * pairs];
    System.arraycopy(kv, 0, out, 0, 2 * pairs);
    for (int i = 1; i < pairs; i++) {
      String name = out[2 * i];
      String value = out[2 * i + 1];
      int j = i - 1;
      while (j >= 0 && out[2 * j].compareTo(name) > 0) {
        out[2 * j + 2] = out[2 * j];
        out[2 * j + 3] = out[2 * j + 1];
        j--;
      }
      out[2 * j + 2] = name;
      out[2 * j + 3] = value;
    }
    return out;
  }

  /** The UTF-8 string of {@code [start, end)} with the three OpenMetrics escapes undone. */
  String decode(long start, long end) {
    if (end - start > Integer.MAX_VALUE - 16) {
      throw errors.at(start, "label longer than 2 GiB");
    }
    int n = 0;
    for (long p = start; p < end; p++) {
      byte c = in.get(Scan.BYTE, p);
      if (c == '\\' && p + 1 < end) {
        byte e = in.get(Scan.BYTE, p + 1);
        if (e == '\\' || e == '"' || e == 'n') {
          c = e == 'n' ? (byte) '\n' : e;
          p++;
        }
      }
      if (n == scratch.length) {
        scratch = Arrays.copyOf(scratch, Math.max(2 * n, (int) (end - start)));
      }
      scratch[n++] = c;
    }
    return registry.intern(new String(scratch, 0, n, StandardCharsets.UTF_8));
  }
}
