/**
 * The seam through which the server opens its metrics store, and the handle that tracks readiness
 * and closes the store exactly once.
 */
@NullMarked
package io.moraine.server.store;

import org.jspecify.annotations.NullMarked;
