package io.moraine.ingest.scrape;

import java.util.List;

/**
 * Turns a scrape's body into samples, choosing the format by its Content-Type. One per target; not
 * thread-safe (a target's scrapes never overlap).
 */
@FunctionalInterface
public interface ScrapeParser {
  /**
   * @throws ScrapeException naming the line and reason of the first malformed line (the whole
   *     scrape then fails, as in Prometheus)
   */
  List<ScrapedSample> parse(ScrapeResponse response) throws ScrapeException;

  /** The metric metadata of the last body parsed, in exposition order; none by default. */
  default List<ScrapedMetadata> metadata() {
    return List.of();
  }
}
