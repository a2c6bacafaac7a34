@NullMarked
package io.moraine.core.time;

import org.jspecify.annotations.NullMarked;
