package io.moraine.rules.template;

import java.util.Map;

/**
 * What an alerting rule's label and annotation templates see: {@code .Labels} ({@code $labels}),
 * {@code .Value} ({@code $value}), {@code .ExternalLabels} ({@code $externalLabels}), {@code
 * .ExternalURL} ({@code $externalURL}); {@code timeMillis} is the evaluation time ({@code query}
 * runs at it).
 */
public record TemplateData(
    Map<String, String> labels,
    double value,
    Map<String, String> externalLabels,
    String externalUrl,
    long timeMillis,
    QueryFunc query) {
  public TemplateData {
    labels = Map.copyOf(labels);
    externalLabels = Map.copyOf(externalLabels);
  }
}
