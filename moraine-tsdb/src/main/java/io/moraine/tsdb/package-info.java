/**
 * Moraine's embedded time-series database: {@link io.moraine.tsdb.Tsdb} ties together the head (in
 * memory, WAL-backed), persisted blocks, compaction and retention.
 */
@NullMarked
package io.moraine.tsdb;

import org.jspecify.annotations.NullMarked;
