/**
 * Sample chunk encodings: the appendable {@link io.moraine.tsdb.chunk.XorAppender} for open head
 * chunks, the array-at-a-time {@link io.moraine.tsdb.chunk.DenseEncoder} for persisted blocks, and
 * the reusable {@link io.moraine.tsdb.chunk.ChunkIterator} that decodes both. Byte layouts are
 * specified in {@code docs/format/chunks.md}.
 */
@NullMarked
package io.moraine.tsdb.chunk;

import org.jspecify.annotations.NullMarked;
