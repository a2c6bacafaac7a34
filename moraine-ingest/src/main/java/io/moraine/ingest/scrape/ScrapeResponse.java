package io.moraine.ingest.scrape;

import org.jspecify.annotations.Nullable;

/**
 * A successful scrape's body, decompressed.
 *
 * @param body the exposition bytes; {@code body[0..length)} is valid
 * @param contentType the response's Content-Type, or null when it sent none (the parser is then
 *     chosen as Prometheus chooses it)
 */
public record ScrapeResponse(byte[] body, int length, @Nullable String contentType) {}
