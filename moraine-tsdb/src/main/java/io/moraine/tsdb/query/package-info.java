@NullMarked
package io.moraine.tsdb.query;

import org.jspecify.annotations.NullMarked;
