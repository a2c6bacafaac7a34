/** The PromQL function table (name, signature, summary) and the per-window and per-element math. */
@NullMarked
package io.moraine.promql.function;

import org.jspecify.annotations.NullMarked;
