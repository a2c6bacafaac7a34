/**
 * The {@code glaciation-legacy} profile: the graph shape the original GLACIATION {@code
 * kg_exporter} wrote ({@code <glc:...>} pseudo-IRIs, {@code glc:hasDescription} type strings,
 * dotted {@code cluster:} IRIs, one {@code timestamp:<epoch-ms>} named graph per snapshot), so that
 * its consumers (the trade-off service, the metadata service's clients) keep working. Values the
 * original got wrong are emitted correctly in the same shape; {@code docs/graph.md} lists each such
 * choice.
 */
@NullMarked
package io.moraine.graph.legacy;

import org.jspecify.annotations.NullMarked;
