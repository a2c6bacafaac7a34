package io.moraine.logs.push;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Refusal messages grouped by text, rendered as Loki's distributor does: {@code msg} alone when
 * there is one, else {@code N errors like: msg} per distinct message joined by {@code "; "} (in
 * first-seen order; Loki's order is a Go map's). Not thread-safe.
 */
final class GroupedErrors {
  private final Map<String, int[]> counts = new LinkedHashMap<>();
  private int total;

  void add(String message) {
    counts.computeIfAbsent(message, m -> new int[1])[0]++;
    total++;
  }

  int total() {
    return total;
  }

  @Nullable String render() {
    if (counts.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      if (!sb.isEmpty()) {
        sb.append("; ");
      }
      int n = e.getValue()[0];
      if (counts.size() > 1 || n > 1) {
        sb.append(n).append(" errors like: ");
      }
      sb.append(e.getKey());
    }
    return sb.toString();
  }
}
