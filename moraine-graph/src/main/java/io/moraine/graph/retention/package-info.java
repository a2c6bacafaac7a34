/**
 * Retention of the graph: history events and the subgraphs of ended entities older than a horizon
 * are deleted, then the store compacted when enough went.
 */
@NullMarked
package io.moraine.graph.retention;

import org.jspecify.annotations.NullMarked;
