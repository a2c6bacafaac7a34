package io.moraine.ingest.textparse;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keeps everything a parser reports, checking the sink contract as it goes. */
class RecordingSink implements SampleSink {
  record Sample(int id, long t, long valueBits) {}

  /** Labels by id, shared by the sinks of one parallel parse. */
  final Map<Integer, Labels> labelsById;

  final List<Sample> samples = new ArrayList<>();
  final List<Integer> seriesOrder = new ArrayList<>();

  /** Per metric name: type (Prometheus' "unknown" until a TYPE line) and help, as its API shows. */
  final Map<String, String[]> metadata = new TreeMap<>();

  @Override
  public void help(String metricName, String text) {
    metadata.computeIfAbsent(metricName, k -> new String[] {"unknown", ""})[1] = text;
  }

  @Override
  public void type(String metricName, MetricType type) {
    metadata.computeIfAbsent(metricName, k -> new String[] {"unknown", ""})[0] = type.promName();
  }

  RecordingSink() {
    this(new HashMap<>());
  }

  RecordingSink(Map<Integer, Labels> shared) {
    this.labelsById = shared;
  }

  @Override
  public void series(int seriesId, Labels labels) {
    synchronized (labelsById) {
      if (labelsById.put(seriesId, labels) != null) {
        throw new AssertionError("series " + seriesId + " announced twice");
      }
    }
    seriesOrder.add(seriesId);
  }

  @Override
  public void sample(int seriesId, long timestampMillis, double value) {
    synchronized (labelsById) {
      if (!labelsById.containsKey(seriesId)) {
        throw new AssertionError("sample for unannounced series " + seriesId);
      }
    }
    samples.add(new Sample(seriesId, timestampMillis, Double.doubleToRawLongBits(value)));
  }

  /** The labels announced for {@code id}; fails if none were. */
  Labels labels(int id) {
    synchronized (labelsById) {
      Labels l = labelsById.get(id);
      if (l == null) {
        throw new AssertionError("no series " + id);
      }
      return l;
    }
  }

  /** Samples as {@code labels t value} lines, independent of id assignment. */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    synchronized (labelsById) {
      for (Sample s : samples) {
        out.add(
            labelsById.get(s.id())
                + " "
                + s.t()
                + " "
                + Double.longBitsToDouble(s.valueBits())
                + " 0x"
                + Long.toHexString(s.valueBits()));
      }
    }
    return out;
  }
}
