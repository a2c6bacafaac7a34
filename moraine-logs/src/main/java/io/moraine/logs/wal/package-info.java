/**
 * The logs write-ahead log: a segmented, checksummed log of opaque records that knows nothing of
 * log entries. Format: {@code docs/format/logs-wal.md}.
 */
@NullMarked
package io.moraine.logs.wal;

import org.jspecify.annotations.NullMarked;
