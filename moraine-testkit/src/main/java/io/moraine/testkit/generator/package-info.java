/** Deterministic synthetic data for tests and benchmarks. */
@NullMarked
package io.moraine.testkit.generator;

import org.jspecify.annotations.NullMarked;
