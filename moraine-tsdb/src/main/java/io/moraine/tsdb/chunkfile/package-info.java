/**
 * Segmented chunk files: {@code <block>/chunks/} written once by {@link
 * io.moraine.tsdb.chunkfile.ChunkFileWriter} and read memory-mapped by {@link
 * io.moraine.tsdb.chunkfile.ChunkFileReader}, and the head's {@code chunks_head/} appended and read
 * at once through {@link io.moraine.tsdb.chunkfile.HeadChunkFile}. Layouts are specified in {@code
 * docs/format/chunkfile.md}.
 */
@NullMarked
package io.moraine.tsdb.chunkfile;

import org.jspecify.annotations.NullMarked;
