/**
 * The metadata service: named subgraphs over HTTP with content negotiation ({@code /subgraph/}),
 * the SPARQL 1.1 Protocol ({@code /sparql}, {@code /sparql/update}) and the GLACIATION metadata
 * service's API for drop-in use ({@code /api/v0/graph}).
 */
@NullMarked
package io.moraine.server.api.graph;

import org.jspecify.annotations.NullMarked;
