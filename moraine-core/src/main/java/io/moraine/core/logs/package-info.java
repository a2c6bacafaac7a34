/**
 * The log storage SPI: streams of timestamped lines keyed by label set, written through {@link
 * io.moraine.core.logs.LogAppender} batches and read through {@link
 * io.moraine.core.logs.LogQuerier} cursors. Every write and read belongs to one tenant; no read
 * ever sees another tenant's streams.
 */
@NullMarked
package io.moraine.core.logs;

import org.jspecify.annotations.NullMarked;
