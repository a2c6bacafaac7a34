/**
 * Record encodings of the write-ahead log: pure encode and decode of SERIES and SAMPLES records on
 * byte arrays and buffers, into caller-owned reusable batches. Knows nothing of files; the byte
 * layout and the type registry are in {@code docs/format/wal.md}.
 */
@NullMarked
package io.moraine.tsdb.record;

import org.jspecify.annotations.NullMarked;
