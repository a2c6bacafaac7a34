package io.moraine.testkit.series;

/**
 * The samples of one synthetic series, in ascending time. The arrays are shared, not copied: the
 * caller may read them but must not change them.
 */
public final class SeriesSamples {
  private final ValueKind kind;
  private final long[] timestamps;
  private final double[] values;

  public SeriesSamples(ValueKind kind, long[] timestamps, double[] values) {
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException(
          "BUG: " + timestamps.length + " times, " + values.length + " values");
    }
    this.kind = kind;
    this.timestamps = timestamps;
    this.values = values;
  }

  public ValueKind kind() {
    return kind;
  }

  /** Sample times in ms. */
  public long[] timestamps() {
    return timestamps;
  }

  public double[] values() {
    return values;
  }
}
