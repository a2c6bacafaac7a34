package io.moraine.promql.function;

/**
 * The raw samples of one series that one step of a range function sees: {@code ts[from..to)} and
 * {@code vs[from..to)}, ascending, staleness markers already removed. Mutable and reused by the
 * engine across steps and series; a function reads it and writes {@link #result}.
 */
public final class Window {
  /** Sample times in ms; read-only to functions. */
  public long[] ts = new long[0];

  /** Sample values; read-only to functions. */
  public double[] vs = new double[0];

  /** First sample in the window (inclusive). */
  public int from;

  /** End of the window's samples (exclusive). */
  public int to;

  /**
   * Start of the window in ms (inclusive): evaluation time minus range minus offset. Prometheus
   * 2.42 windows are closed on both ends.
   */
  public long rangeStartMillis;

  /** End of the window in ms (inclusive): evaluation time minus offset. */
  public long rangeEndMillis;

  /**
   * The step's evaluation time in ms, before offset and {@code @} are applied. {@code
   * predict_linear} takes its regression's x axis relative to it (as Prometheus 2.42 does), so
   * {@code predict_linear(x[1h] @ t0, d)} predicts {@code d} seconds after the step, not after
   * {@code t0}.
   */
  public long evalTimeMillis;

  /** Where the function writes its value when it returns true. */
  public double result;

  private double[] scratch = new double[0];

  /** Number of samples in the window. */
  public int size() {
    return to - from;
  }

  /**
   * A buffer of at least {@code length} doubles that a function may overwrite freely (e.g. to sort
   * a copy of the values); grown on demand and kept across steps, so sorting costs no allocation
   * per step.
   */
  double[] scratch(int length) {
    if (scratch.length < length) {
      scratch = new double[Math.max(length, scratch.length * 2)];
    }
    return scratch;
  }
}
