package io.moraine.rules.template;

import java.util.List;

/**
 * Runs a PromQL instant query for the template function {@code query}. A scalar result comes back
 * as one sample without labels; a string result fails.
 */
@FunctionalInterface
public interface QueryFunc {
  /**
   * @throws Exception when the query does not parse or fails; the template fails with its message
   */
  List<QuerySample> query(String promql, long timeMillis) throws Exception;

  /** A query function for contexts without a store (checks, tests): every call fails. */
  QueryFunc NONE =
      (q, t) -> {
        throw new IllegalStateException("query is not available here");
      };
}
