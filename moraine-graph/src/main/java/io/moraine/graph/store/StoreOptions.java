package io.moraine.graph.store;

/**
 * Options of the embedded TDB2 store.
 *
 * @param maxTimeoutMillis the longest a query or update may run, whatever its caller asks (a
 *     caller's larger or non-positive timeout is cut to this)
 * @param deleteOldGenerations whether {@link GraphStore#compact()} deletes the generation it
 *     compacted from (TDB2 keeps {@code Data-NNNN} directories; keeping them only costs disk)
 */
public record StoreOptions(long maxTimeoutMillis, boolean deleteOldGenerations) {
  /** Two minutes at most per query or update, old generations deleted. */
  public static final StoreOptions DEFAULT = new StoreOptions(120_000, true);

  public StoreOptions {
    if (maxTimeoutMillis <= 0) {
      throw new IllegalArgumentException(
          "graph store maxTimeoutMillis must be positive, got " + maxTimeoutMillis);
    }
  }

  long effectiveTimeout(long requestedMillis) {
    return requestedMillis <= 0 ? maxTimeoutMillis : Math.min(requestedMillis, maxTimeoutMillis);
  }
}
