package io.moraine.core.logs;

/** Something log entries can be written to. Thread-safe. */
public interface LogAppendable {
  /**
   * A new appender for one batch of one tenant. Many appenders may be open at once on different
   * threads.
   *
   * @param tenant the tenant id ({@code X-Scope-OrgID}; {@code anonymous} when none was given)
   */
  LogAppender appender(String tenant);
}
