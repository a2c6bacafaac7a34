/**
 * Log storage test support: the {@link io.moraine.testkit.logs.LogStorageContract} kit every log
 * store extends and the {@link io.moraine.testkit.logs.ReferenceLogStore} oracle.
 */
@NullMarked
package io.moraine.testkit.logs;

import org.jspecify.annotations.NullMarked;
