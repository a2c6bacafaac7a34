/** JMH benchmarks; compiled by verify, run by hand (see each class for the command). */
@NullMarked
package io.moraine.bench;

import org.jspecify.annotations.NullMarked;
