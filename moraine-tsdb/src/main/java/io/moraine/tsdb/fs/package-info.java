/** File-system helpers shared by the store's parts. */
@NullMarked
package io.moraine.tsdb.fs;

import org.jspecify.annotations.NullMarked;
