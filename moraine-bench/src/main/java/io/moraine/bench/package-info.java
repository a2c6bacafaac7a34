/** JMH benchmarks and measurement tools; compiled by {@code verify}, never run by it. */
@NullMarked
package io.moraine.bench;

import org.jspecify.annotations.NullMarked;
