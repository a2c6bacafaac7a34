/**
 * Immutable segment files of zstd-compressed log blocks with a stream and postings index, read with
 * positional reads one block at a time. Format: {@code docs/format/logs-segment.md}.
 */
@NullMarked
package io.moraine.logs.segment;

import org.jspecify.annotations.NullMarked;
