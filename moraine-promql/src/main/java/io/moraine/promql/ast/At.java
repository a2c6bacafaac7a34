package io.moraine.promql.ast;

/**
 * The {@code @} modifier of a selector or subquery: a fixed time, or the query's {@code start()} or
 * {@code end()}.
 */
public record At(Kind kind, long millis) {
  /** Which time the modifier names. */
  public enum Kind {
    /** {@code @ <unix seconds>}: {@link #millis} holds it in ms. */
    TIMESTAMP,
    /** {@code @ start()}. */
    START,
    /** {@code @ end()}. */
    END
  }

  public static At timestamp(long millis) {
    return new At(Kind.TIMESTAMP, millis);
  }

  public static final At START = new At(Kind.START, 0);
  public static final At END = new At(Kind.END, 0);
}
