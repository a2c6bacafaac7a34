package io.moraine.ingest.scrape;

import java.util.List;

/**
 * Turns a scrape's body into samples of a {@link ScrapeBatch}, choosing the format by its
 * Content-Type. One per target; not thread-safe (a target's scrapes never overlap).
 */
@FunctionalInterface
public interface ScrapeParser {
  /**
   * Parses a body into {@code out} (already {@link ScrapeBatch#clear cleared}), declaring each
   * series met for the first time with an id of the parser's own, stable across bodies.
   *
   * @throws ScrapeException naming the line and reason of the first malformed line (the whole
   *     scrape then fails, as in Prometheus); {@code out} may hold some samples then
   */
  void parse(ScrapeResponse response, ScrapeBatch out) throws ScrapeException;

  /** The metric metadata of the last body parsed, in exposition order; none by default. */
  default List<ScrapedMetadata> metadata() {
    return List.of();
  }
}
