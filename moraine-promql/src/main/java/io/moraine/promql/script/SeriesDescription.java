package io.moraine.promql.script;

import io.moraine.core.labels.Labels;
import io.moraine.promql.parser.GoText;
import java.util.List;

/**
 * A series description of a test script, {@code metric{labels} 0+10x3 _ stale}: labels and the
 * expanded sequence of values, one per load interval (or per step of an expected range result).
 */
record SeriesDescription(Labels labels, List<SequenceValue> values) {
  SeriesDescription {
    values = List.copyOf(values);
  }

  /** One value of a sequence; an omitted one ({@code _}) has no sample and reads as 0. */
  record SequenceValue(double value, boolean omitted) {
    static final SequenceValue OMITTED = new SequenceValue(0, true);

    static SequenceValue of(double value) {
      return new SequenceValue(value, false);
    }

    @Override
    public String toString() {
      return omitted ? "_" : GoText.formatFloat(value);
    }
  }
}
