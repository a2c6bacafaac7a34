/** Bulk loading of historical samples straight into blocks, without the head or the WAL. */
@NullMarked
package io.moraine.tsdb.backfill;

import org.jspecify.annotations.NullMarked;
