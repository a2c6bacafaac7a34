/** Synthetic, realistic-looking metric series for tests and benchmarks. */
@NullMarked
package io.moraine.testkit.series;

import org.jspecify.annotations.NullMarked;
