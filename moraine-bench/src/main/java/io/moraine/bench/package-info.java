/** JMH benchmarks; compiled by {@code verify}, run by hand (see each class for its command). */
@NullMarked
package io.moraine.bench;

import org.jspecify.annotations.NullMarked;
