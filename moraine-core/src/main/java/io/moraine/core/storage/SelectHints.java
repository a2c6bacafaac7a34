package io.moraine.core.storage;

/**
 * What the caller will read of a select: the range of samples (ms, inclusive) it needs, which may
 * be narrower than the querier's. A store may return fewer samples outside it but never fewer
 * inside.
 */
public record SelectHints(long startMillis, long endMillis) {
  public static final SelectHints NONE = new SelectHints(Long.MIN_VALUE, Long.MAX_VALUE);
}
