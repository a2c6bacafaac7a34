@NullMarked
package io.moraine.core.sample;

import org.jspecify.annotations.NullMarked;
