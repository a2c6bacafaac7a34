/**
 * The write-ahead log as a byte log: numbered segment files of CRC-checked records, group commit,
 * torn-tail recovery, readers and checkpoints. It knows nothing of samples; a record is opaque
 * bytes whose first byte is a type (the encodings are in {@code io.moraine.tsdb.record}). The byte
 * layout is specified in {@code docs/format/wal.md}.
 */
@NullMarked
package io.moraine.tsdb.wal;

import org.jspecify.annotations.NullMarked;
