/** Evaluation of a parsed expression over a Queryable, series-major and columnar over the steps. */
@NullMarked
package io.moraine.promql.engine;

import org.jspecify.annotations.NullMarked;
