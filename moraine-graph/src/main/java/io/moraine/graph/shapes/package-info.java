/** SHACL shapes for every class the exporter writes, and validation of graphs against them. */
@NullMarked
package io.moraine.graph.shapes;

import org.jspecify.annotations.NullMarked;
