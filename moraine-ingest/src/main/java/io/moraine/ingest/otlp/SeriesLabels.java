package io.moraine.ingest.otlp;

import io.moraine.core.labels.Labels;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Label sets of converted series, as the translator's {@code createAttributes} builds them: the
 * point's attributes under Prometheus names (keys that collide after renaming joined with {@code ;}
 * in the order of their original keys), then {@code job} and {@code instance} from the resource,
 * then the metric name and {@code le}/{@code quantile}, each later one replacing an earlier label
 * of that name. Empty values are dropped. Stateless and thread-safe.
 */
final class SeriesLabels {
  static final String SERVICE_NAME = "service.name";
  static final String SERVICE_NAMESPACE = "service.namespace";
  static final String SERVICE_INSTANCE_ID = "service.instance.id";

  private SeriesLabels() {}

  /** The {@code job} of a resource: {@code namespace/name}, or null without a service name. */
  static @Nullable String job(String[] resource) {
    String name = find(resource, SERVICE_NAME);
    if (name == null) {
      return null;
    }
    String ns = find(resource, SERVICE_NAMESPACE);
    return ns == null ? name : ns + "/" + name;
  }

  /** The {@code instance} of a resource, or null. */
  static @Nullable String instance(String[] resource) {
    return find(resource, SERVICE_INSTANCE_ID);
  }

  /**
   * The labels common to every series of a point: names and values alternating, sorted by name, no
   * empty values, no metric name yet.
   */
  static String[] base(String[] attributes, @Nullable String job, @Nullable String instance) {
    Map<String, String> out = new TreeMap<>();
    for (int i : keyOrder(attributes)) {
      out.merge(PromNames.labelName(attributes[i]), attributes[i + 1], (a, b) -> a + ";" + b);
    }
    if (job != null) {
      out.put("job", job);
    }
    if (instance != null) {
      out.put("instance", instance);
    }
    out.values().removeIf(String::isEmpty);
    String[] kv = new String[out.size() * 2];
    int n = 0;
    for (Map.Entry<String, String> e : out.entrySet()) {
      kv[n++] = e.getKey();
      kv[n++] = e.getValue();
    }
    return kv;
  }

  /** {@code base} with the metric name and, when {@code extraName} is not null, one more label. */
  static Labels series(
      String[] base, String metric, @Nullable String extraName, @Nullable String extraValue) {
    String[] kv = put(base, Labels.METRIC_NAME, metric);
    if (extraName != null && extraValue != null) {
      kv = put(kv, extraName, extraValue);
    }
    return Labels.ofSorted(kv);
  }

  /** A copy of sorted {@code kv} with {@code name} set to {@code value} (removed when empty). */
  static String[] put(String[] kv, String name, String value) {
    int i = 0;
    while (i < kv.length && kv[i].compareTo(name) < 0) {
      i += 2;
    }
    boolean present = i < kv.length && kv[i].equals(name);
    if (value.isEmpty()) {
      if (!present) {
        return kv.clone();
      }
      String[] out = new String[kv.length - 2];
      System.arraycopy(kv, 0, out, 0, i);
      System.arraycopy(kv, i + 2, out, i, kv.length - i - 2);
      return out;
    }
    if (present) {
      String[] out = kv.clone();
      out[i + 1] = value;
      return out;
    }
    String[] out = new String[kv.length + 2];
    System.arraycopy(kv, 0, out, 0, i);
    out[i] = name;
    out[i + 1] = value;
    System.arraycopy(kv, i, out, i + 2, kv.length - i);
    return out;
  }

  /** The indexes of the keys of {@code kv}, stably sorted by key. */
  private static int[] keyOrder(String[] kv) {
    Integer[] order = new Integer[kv.length / 2];
    for (int i = 0; i < order.length; i++) {
      order[i] = 2 * i;
    }
    Arrays.sort(order, (a, b) -> kv[a].compareTo(kv[b]));
    int[] out = new int[order.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = order[i];
    }
    return out;
  }

  private static @Nullable String find(String[] kv, String key) {
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i].equals(key)) {
        return kv[i + 1];
      }
    }
    return null;
  }
}
