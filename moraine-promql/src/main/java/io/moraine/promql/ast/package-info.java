/** The PromQL syntax tree: immutable records, no query-time state. */
@NullMarked
package io.moraine.promql.ast;

import org.jspecify.annotations.NullMarked;
