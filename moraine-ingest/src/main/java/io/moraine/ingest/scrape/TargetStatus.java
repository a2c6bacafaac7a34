package io.moraine.ingest.scrape;

import io.moraine.core.labels.Labels;
import org.jspecify.annotations.Nullable;

/**
 * A target as {@code /api/v1/targets} shows it.
 *
 * @param health {@code up}, {@code down} or {@code unknown} (not scraped yet)
 * @param lastScrapeMillis the start of the last scrape, or 0 before the first
 */
public record TargetStatus(
    String job,
    Labels discoveredLabels,
    Labels labels,
    String scrapeUrl,
    String health,
    @Nullable String lastError,
    long lastScrapeMillis,
    double lastScrapeDurationSeconds,
    long intervalMillis,
    long timeoutMillis) {}
