package io.moraine.core.selfmetrics;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The label-value to child map shared by the families. */
final class Children<C> {
  private final String[] labelNames;
  private final ConcurrentHashMap<List<String>, C> children = new ConcurrentHashMap<>();
  private final Function<String[], C> factory;

  Children(String[] labelNames, Function<String[], C> factory) {
    this.labelNames = labelNames.clone();
    this.factory = factory;
  }

  String[] labelNames() {
    return labelNames;
  }

  C get(String... values) {
    if (values.length != labelNames.length) {
      throw new IllegalArgumentException(
          "BUG: expected label values for " + Arrays.toString(labelNames));
    }
    return children.computeIfAbsent(List.of(values), k -> factory.apply(values.clone()));
  }

  /** Children sorted by label values for a stable exposition. */
  List<java.util.Map.Entry<List<String>, C>> sorted() {
    return children.entrySet().stream()
        .sorted((a, b) -> String.join("\0", a.getKey()).compareTo(String.join("\0", b.getKey())))
        .toList();
  }
}
