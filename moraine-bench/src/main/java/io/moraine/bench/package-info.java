/** JMH benchmarks; compiled by {@code verify}, run by hand (see each benchmark's Javadoc). */
@NullMarked
package io.moraine.bench;

import org.jspecify.annotations.NullMarked;
