@NullMarked
package io.moraine.core.encoding;

import org.jspecify.annotations.NullMarked;
