/** Query results: scalar, string, instant vector and range matrix. */
@NullMarked
package io.moraine.promql.value;

import org.jspecify.annotations.NullMarked;
