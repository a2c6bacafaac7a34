/** JMH benchmarks of the log store and LogQL. */
@NullMarked
package io.moraine.bench.logs;

import org.jspecify.annotations.NullMarked;
