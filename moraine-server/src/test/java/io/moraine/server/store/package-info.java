@NullMarked
package io.moraine.server.store;

import org.jspecify.annotations.NullMarked;
