package io.moraine.ingest.scrape;

/**
 * What an exposition said about one metric family: its {@code # TYPE} (Prometheus's spelling,
 * {@code unknown} when untyped), {@code # HELP} and {@code # UNIT}, each "" when absent.
 */
public record ScrapedMetadata(String metric, String type, String help, String unit) {}
