@NullMarked
package io.moraine.core.selfmetrics;

import org.jspecify.annotations.NullMarked;
