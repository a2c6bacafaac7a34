/** The runner of Prometheus PromQL test scripts (load, clear, eval, eval_fail, eval_ordered). */
@NullMarked
package io.moraine.promql.script;

import org.jspecify.annotations.NullMarked;
