/**
 * The Kubernetes model as RDF: one state subgraph per object (GLACIATION Metadata Reference Model,
 * units as QUDT IRIs, times as xsd:dateTime), lifecycle history, and the telemetry each object
 * links to (the PromQL and LogQL that select its data).
 */
@NullMarked
package io.moraine.graph.render;

import org.jspecify.annotations.NullMarked;
