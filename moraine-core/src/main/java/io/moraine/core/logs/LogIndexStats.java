package io.moraine.core.logs;

/**
 * Index figures as Loki's {@code /loki/api/v1/index/stats} answers them.
 *
 * @param streams matching streams
 * @param chunks stored blocks (and open head blocks) of those streams in range
 * @param entries entries in those blocks
 * @param bytes uncompressed line bytes in those blocks
 */
public record LogIndexStats(long streams, long chunks, long entries, long bytes) {}
