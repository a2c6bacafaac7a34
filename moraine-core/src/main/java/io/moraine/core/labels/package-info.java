@NullMarked
package io.moraine.core.labels;

import org.jspecify.annotations.NullMarked;
