@NullMarked
package io.moraine.tsdb.head;

import org.jspecify.annotations.NullMarked;
