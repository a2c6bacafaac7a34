/** The workload knowledge graph: vocabulary, rendering, deltas, store, SPARQL and shapes. */
@NullMarked
package io.moraine.graph;

import org.jspecify.annotations.NullMarked;
