package io.moraine.promql.engine;

/**
 * A query that parsed but could not be evaluated. One subclass per Prometheus error type, so the
 * HTTP layer maps each to its {@code errorType} and status in one place.
 */
public abstract sealed class QueryException extends RuntimeException
    permits QueryException.BadData,
        QueryException.Execution,
        QueryException.TooManySamples,
        QueryException.Timeout,
        QueryException.Canceled {
  private QueryException(String message) {
    super(message, null, false, false);
  }

  /** The request cannot be evaluated as asked ({@code bad_data}, HTTP 400). */
  public static final class BadData extends QueryException {
    public BadData(String message) {
      super(message);
    }
  }

  /** An evaluation error ({@code execution}, HTTP 422), e.g. many-to-many matching. */
  public static final class Execution extends QueryException {
    public Execution(String message) {
      super(message);
    }
  }

  /** The query would hold more than the sample limit ({@code execution}, HTTP 422). */
  public static final class TooManySamples extends QueryException {
    public TooManySamples() {
      super("query processing would load too many samples into memory in query execution");
    }
  }

  /** The query ran past its deadline ({@code timeout}, HTTP 503). */
  public static final class Timeout extends QueryException {
    public Timeout() {
      super("query timed out in expression evaluation");
    }
  }

  /** The caller went away ({@code canceled}). */
  public static final class Canceled extends QueryException {
    public Canceled() {
      super("query was canceled in expression evaluation");
    }
  }
}
