/**
 * Where the graph lives: named graphs in a transactional RDF dataset, embedded (Jena TDB2 under
 * {@code data/graph}) or remote (a SPARQL 1.1 Graph Store Protocol endpoint such as Fuseki).
 */
@NullMarked
package io.moraine.graph.store;

import org.jspecify.annotations.NullMarked;
