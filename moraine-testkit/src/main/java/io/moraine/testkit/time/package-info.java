/** A manually driven {@link io.moraine.core.time.Clock} for tests. */
@NullMarked
package io.moraine.testkit.time;

import org.jspecify.annotations.NullMarked;
