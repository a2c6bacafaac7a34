package io.moraine.core.labels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable label set sorted by name, {@code __name__} included. Thread-safe; instances may be
 * cached and shared freely.
 *
 * <p>Names are unique; empty values are dropped on construction, as Prometheus treats a label with
 * an empty value as absent. Validation of names and values is separate ({@link LabelValidation}),
 * so that readers of stored data never pay for it.
 */
public final class Labels implements Comparable<Labels> {
  /** The label that holds the metric name. */
  public static final String METRIC_NAME = "__name__";

  public static final Labels EMPTY = new Labels(new String[0]);

  /** name0, value0, name1, value1, ... sorted by name. */
  private final String[] kv;

  private int hash;

  private Labels(String[] kv) {
    this.kv = kv;
  }

  /**
   * Builds a label set from alternating names and values in any order.
   *
   * @throws IllegalArgumentException on an odd count or a repeated name
   */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("odd number of label names and values");
    }
    Builder b = new Builder(namesAndValues.length / 2);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  /**
   * Wraps an array that is already sorted by name with unique names and no empty values. The array
   * is owned by the result afterwards; the caller must not change it.
   *
   * @throws IllegalArgumentException if the array is not sorted, has duplicates or empty values
   */
  public static Labels ofSorted(String[] sortedNamesAndValues) {
    String[] kv = sortedNamesAndValues;
    if (kv.length % 2 != 0) {
      throw new IllegalArgumentException("odd number of label names and values");
    }
    for (int i = 0; i < kv.length; i += 2) {
      Objects.requireNonNull(kv[i], "label name");
      Objects.requireNonNull(kv[i + 1], "label value");
      if (kv[i + 1].isEmpty()) {
        throw new IllegalArgumentException("empty value for label " + kv[i]);
      }
      if (i > 0 && kv[i - 2].compareTo(kv[i]) >= 0) {
        throw new IllegalArgumentException("labels not sorted or duplicate: " + kv[i]);
      }
    }
    return new Labels(kv);
  }

  public static Builder builder() {
    return new Builder(8);
  }

  /** Number of labels. */
  public int size() {
    return kv.length / 2;
  }

  public boolean isEmpty() {
    return kv.length == 0;
  }

  public String name(int i) {
    return kv[2 * i];
  }

  public String value(int i) {
    return kv[2 * i + 1];
  }

  /** The value of {@code name}, or null when absent. */
  public @Nullable String get(String name) {
    int lo = 0;
    int hi = size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = kv[2 * mid].compareTo(name);
      if (c == 0) {
        return kv[2 * mid + 1];
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }

  /** The value of {@code name}, or "" when absent (PromQL's view of a missing label). */
  public String getOrEmpty(String name) {
    String v = get(name);
    return v == null ? "" : v;
  }

  /** The metric name, or null. */
  public @Nullable String metricName() {
    return get(METRIC_NAME);
  }

  /** A copy of the sorted alternating names and values. */
  /** The labels as an unmodifiable map that iterates in label order (sorted by name). */
  public java.util.Map<String, String> toMap() {
    java.util.Map<String, String> m = java.util.LinkedHashMap.newLinkedHashMap(size());
    for (int i = 0; i < size(); i++) {
      m.put(name(i), value(i));
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  public String[] toArray() {
    return kv.clone();
  }

  /** A builder preloaded with these labels. */
  public Builder toBuilder() {
    Builder b = new Builder(size() + 2);
    for (int i = 0; i < kv.length; i += 2) {
      b.add(kv[i], kv[i + 1]);
    }
    return b;
  }

  /**
   * A 64-bit hash that is stable across processes and versions (FNV-1a over the UTF-16 chars with
   * separators); used for sharding and on-disk hash tables.
   */
  public long stableHash() {
    long h = 0xcbf29ce484222325L;
    for (String s : kv) {
      for (int i = 0; i < s.length(); i++) {
        h ^= s.charAt(i);
        h *= 0x100000001b3L;
      }
      h ^= 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(kv);
      hash = h == 0 ? 1 : h;
    }
    return h;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Labels other && (o == this || Arrays.equals(kv, other.kv));
  }

  /** Orders by names and values pairwise, by UTF-8 bytes, as Prometheus sorts series. */
  @Override
  public int compareTo(Labels o) {
    int n = Math.min(kv.length, o.kv.length);
    for (int i = 0; i < n; i++) {
      if (kv[i] == o.kv[i]) {
        continue; // interned label strings (head, import) are shared: skip the char compare
      }
      int c = compareUtf8(kv[i], o.kv[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(kv.length, o.kv.length);
  }

  /**
   * Compares two strings by their UTF-8 bytes, the order Go (and so Prometheus) sorts strings in.
   * It differs from {@link String#compareTo} only where a character above U+FFFF (a surrogate pair
   * in UTF-16) meets one in U+E000..U+FFFF.
   */
  public static int compareUtf8(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean sx = Character.isSurrogate(x);
        boolean sy = Character.isSurrogate(y);
        if (sx != sy) {
          return sx ? 1 : -1; // a code point above U+FFFF sorts after every BMP character
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /** Prometheus' rendering: {@code name{a="b", c="d"}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    String name = metricName();
    if (name != null) {
      sb.append(name);
    }
    sb.append('{');
    boolean first = true;
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i].equals(METRIC_NAME)) {
        continue;
      }
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(kv[i]).append("=\"");
      appendEscaped(sb, kv[i + 1]);
      sb.append('"');
    }
    return sb.append('}').toString();
  }

  /**
   * Appends a label value escaped as the Prometheus text formats and PromQL quote it ({@code \\},
   * {@code \"}, {@code \n}).
   */
  public static void appendEscaped(StringBuilder sb, String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
  }

  /** Mutable, not thread-safe; last value for a name wins. */
  public static final class Builder {
    private final List<String> kv;

    Builder(int capacity) {
      kv = new ArrayList<>(capacity * 2);
    }

    /** Sets {@code name} to {@code value}; an empty value removes the label. */
    public Builder add(String name, String value) {
      Objects.requireNonNull(name, "label name");
      Objects.requireNonNull(value, "label value");
      for (int i = 0; i < kv.size(); i += 2) {
        if (kv.get(i).equals(name)) {
          kv.set(i + 1, value);
          return this;
        }
      }
      kv.add(name);
      kv.add(value);
      return this;
    }

    public Builder remove(String name) {
      for (int i = 0; i < kv.size(); i += 2) {
        if (kv.get(i).equals(name)) {
          kv.remove(i);
          kv.remove(i);
          return this;
        }
      }
      return this;
    }

    public Labels build() {
      int n = 0;
      for (int i = 0; i < kv.size(); i += 2) {
        if (!kv.get(i + 1).isEmpty()) {
          n++;
        }
      }
      Integer[] order = new Integer[n];
      int j = 0;
      for (int i = 0; i < kv.size(); i += 2) {
        if (!kv.get(i + 1).isEmpty()) {
          order[j++] = i;
        }
      }
      Arrays.sort(order, (a, b) -> kv.get(a).compareTo(kv.get(b)));
      String[] out = new String[n * 2];
      for (int k = 0; k < n; k++) {
        out[2 * k] = kv.get(order[k]);
        out[2 * k + 1] = kv.get(order[k] + 1);
      }
      return new Labels(out);
    }
  }
}
