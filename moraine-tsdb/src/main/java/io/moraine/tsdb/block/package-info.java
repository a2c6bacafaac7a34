/**
 * Persisted blocks: a directory per block holding {@code meta.json} ({@link
 * io.moraine.tsdb.block.BlockMeta}, format in {@code docs/format/meta.md}), the index and the chunk
 * files. Block ids are ULIDs ({@link io.moraine.tsdb.block.Ulid}).
 */
@NullMarked
package io.moraine.tsdb.block;

import org.jspecify.annotations.NullMarked;
