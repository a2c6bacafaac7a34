package io.moraine.rules.template;

import java.util.Map;

/** One element of a {@code query} result inside a template: its labels and value. */
public record QuerySample(Map<String, String> labels, double value) {
  public QuerySample {
    labels = Map.copyOf(labels);
  }
}
