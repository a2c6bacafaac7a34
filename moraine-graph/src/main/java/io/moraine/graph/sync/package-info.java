/**
 * Keeps the store's graph in step with Kubernetes by deltas: {@link GraphSync} re-renders what a
 * change touched and writes only the difference (one store transaction per batch), appends
 * lifecycle history and closes objects that vanished while nobody watched; {@link UsageSummaries}
 * refreshes the window summaries of usage in place.
 */
@NullMarked
package io.moraine.graph.sync;

import org.jspecify.annotations.NullMarked;
