package io.moraine.core.storage;

/** Something that answers selects over a time range. Thread-safe. */
public interface Queryable {
  /**
   * A querier over the closed range {@code [mint, maxt]} in milliseconds. It sees one consistent
   * view of the store, taken now, while appends and compactions go on. The caller owns it and must
   * close it; series and iterators it returned must not be used after that.
   */
  Querier querier(long mint, long maxt);
}
