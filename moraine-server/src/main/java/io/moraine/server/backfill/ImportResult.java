package io.moraine.server.backfill;

/**
 * What an import wrote.
 *
 * @param samples samples written
 * @param series distinct series written
 * @param blocks blocks created
 * @param minTimeMillis time of the oldest sample written, ms (0 when none)
 * @param maxTimeMillis time of the newest sample written, ms (0 when none)
 */
public record ImportResult(
    long samples, long series, int blocks, long minTimeMillis, long maxTimeMillis) {}
