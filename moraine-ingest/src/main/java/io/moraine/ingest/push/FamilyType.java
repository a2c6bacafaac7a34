package io.moraine.ingest.push;

/**
 * A pushed metric family's type, numbered and named as Prometheus' client_model {@code MetricType}
 * (which Pushgateway's messages print).
 */
public enum FamilyType {
  COUNTER,
  GAUGE,
  SUMMARY,
  UNTYPED,
  HISTOGRAM,
  GAUGE_HISTOGRAM;

  private static final FamilyType[] BY_NUMBER = values();

  /** client_model's number for this type. */
  public int number() {
    return ordinal();
  }

  /** The type with client_model's number {@code n}. */
  static FamilyType ofNumber(int n) {
    if (n < 0 || n >= BY_NUMBER.length) {
      throw new IllegalArgumentException("unknown metric type number " + n);
    }
    return BY_NUMBER[n];
  }

  /** Lower-case name as the text format's {@code # TYPE} line writes it. */
  public String textName() {
    return this == GAUGE_HISTOGRAM ? "gaugehistogram" : name().toLowerCase(java.util.Locale.ROOT);
  }
}
