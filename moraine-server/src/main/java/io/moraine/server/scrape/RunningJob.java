package io.moraine.server.scrape;

import io.moraine.core.discovery.Discoverer;
import io.moraine.ingest.scrape.ScrapeJob;
import io.moraine.server.config.ScrapeConfig;
import java.net.http.HttpClient;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One {@code scrape_configs} job as scraping runs it: the config it was built from, the manager's
 * job, the HTTP client it holds (null: the shared one) and its discoverers. A reload keeps each
 * part that its config did not change, the same instance, so that identity tells what was rebuilt.
 */
record RunningJob(
    ScrapeConfig config, ScrapeJob job, @Nullable HttpClient client, List<Discoverer> discoverers) {
  String name() {
    return config.jobName();
  }

  /** Whether scraping (everything but discovery) is configured alike in {@code a} and {@code b}. */
  static boolean sameScraping(ScrapeConfig a, ScrapeConfig b) {
    return a.withDiscovery(ScrapeConfig.Discovery.DEFAULT)
        .equals(b.withDiscovery(ScrapeConfig.Discovery.DEFAULT));
  }
}
