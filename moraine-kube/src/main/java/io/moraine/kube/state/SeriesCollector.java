package io.moraine.kube.state;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the samples of one computation. Labels with empty values are dropped, as Prometheus drops
 * them at ingestion of kube-state-metrics' exposition. Not thread-safe.
 */
final class SeriesCollector {
  private final List<StateSample> samples = new ArrayList<>();

  /**
   * Adds one series.
   *
   * @param objectLabels the labels naming the object (alternating names and values)
   * @param extra the family's own labels (alternating names and values)
   */
  void add(String name, String[] objectLabels, double value, String... extra) {
    Labels.Builder b = Labels.builder().add(Labels.METRIC_NAME, name);
    for (int i = 0; i < objectLabels.length; i += 2) {
      b.add(objectLabels[i], objectLabels[i + 1]);
    }
    for (int i = 0; i < extra.length; i += 2) {
      b.add(extra[i], extra[i + 1]);
    }
    samples.add(new StateSample(b.build(), value));
  }

  /** The samples sorted by labels; the collector must not be used afterwards. */
  List<StateSample> sorted() {
    samples.sort((a, b) -> a.labels().compareTo(b.labels()));
    return List.copyOf(samples);
  }
}
