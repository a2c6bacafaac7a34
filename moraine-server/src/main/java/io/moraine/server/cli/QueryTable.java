package io.moraine.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code data} of a Prometheus query answer as lines of text: one per series, its labels
 * ({@code up{job="node"}}) padded to one width, then the value, or for a matrix the points as
 * {@code t=v} (times in unix seconds as the server wrote them). A scalar or string is its value
 * alone; an empty result is no lines. Stateless.
 */
final class QueryTable {
  private QueryTable() {}

  /**
   * Formats an answer's {@code data}.
   *
   * @throws IllegalArgumentException when {@code data} is not a query result
   */
  static List<String> lines(JsonNode data) {
    String type = data.path("resultType").asText("");
    JsonNode result = data.path("result");
    return switch (type) {
      case "scalar", "string" -> List.of(result.path(1).asText());
      case "vector" -> series(result, "value");
      case "matrix" -> series(result, "values");
      default -> throw new IllegalArgumentException("not a query result: resultType " + type);
    };
  }

  private static List<String> series(JsonNode result, String field) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    int width = 0;
    for (JsonNode s : result) {
      String name = labels(s.path("metric"));
      width = Math.max(width, name.length());
      names.add(name);
      values.add(field.equals("value") ? s.path("value").path(1).asText() : points(s.path(field)));
    }
    List<String> lines = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      String v = values.get(i);
      lines.add(v.isEmpty() ? names.get(i) : pad(names.get(i), width) + "  " + v);
    }
    return lines;
  }

  private static String points(JsonNode values) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode p : values) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(p.path(0).asText()).append('=').append(p.path(1).asText());
    }
    return sb.toString();
  }

  private static String labels(JsonNode metric) {
    Labels.Builder b = Labels.builder();
    Iterator<Map.Entry<String, JsonNode>> it = metric.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      b.add(e.getKey(), e.getValue().asText());
    }
    Labels labels = b.build();
    String text = labels.toString();
    // As Prometheus' model.Metric prints it: a bare name without braces.
    return labels.size() == 1 && labels.metricName() != null
        ? text.substring(0, text.length() - 2)
        : text;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
