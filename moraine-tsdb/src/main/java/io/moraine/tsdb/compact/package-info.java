@NullMarked
package io.moraine.tsdb.compact;

import org.jspecify.annotations.NullMarked;
