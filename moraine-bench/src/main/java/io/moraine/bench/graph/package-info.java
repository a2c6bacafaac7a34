/**
 * Figures tools for the workload knowledge graph (issue 5): time from a Kubernetes change to the
 * graph, and triples written and store size under workload churn against the full re-send baseline.
 * Plain mains over the real parts (TDB2, the Moraine renderer, the graph sync, the cluster watcher
 * against fabric8's mock API server); not run by the build.
 */
@NullMarked
package io.moraine.bench.graph;

import org.jspecify.annotations.NullMarked;
