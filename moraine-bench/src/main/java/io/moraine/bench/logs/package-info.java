/** JMH benchmarks of the log store. */
@NullMarked
package io.moraine.bench.logs;

import org.jspecify.annotations.NullMarked;
