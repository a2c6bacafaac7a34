/**
 * The durable on-disk queue of committed samples that feeds one remote-write destination: segment
 * files of checksummed records, an acknowledged position, and a bound on disk use. The byte layout
 * is in {@code docs/format/remote-write-queue.md}.
 */
@NullMarked
package io.moraine.ingest.remotewrite.queue;

import org.jspecify.annotations.NullMarked;
