package io.moraine.graph.sync;

import java.util.List;

/**
 * What one batch wrote, told to a {@link GraphSync}'s commit observer after the store committed.
 *
 * @param changes the model changes the batch folded
 * @param graphs the named graphs whose content changed
 * @param deletes triples the delta removed
 * @param adds triples the delta added
 * @param quadsChanged what {@code GraphStore.apply} counted as changing the store
 * @param applyNanos the time the store's transaction took
 * @param lagNanos per change, the time from its arrival at the listener to the commit
 */
public record Commit(
    int changes,
    int graphs,
    long deletes,
    long adds,
    long quadsChanged,
    long applyNanos,
    List<Long> lagNanos) {
  public Commit {
    lagNanos = List.copyOf(lagNanos);
  }
}
