package io.moraine.server.api.prom;

import io.moraine.core.labels.Labels;
import io.moraine.ingest.scrape.ScrapeManager;
import io.moraine.ingest.scrape.TargetStatus;
import java.util.List;
import java.util.Map;

/** What {@code /api/v1/targets} lists; thread-safe. */
public interface TargetSource {
  List<TargetStatus> activeTargets();

  /** Discovered labels of dropped targets, by job. */
  Map<String, List<Labels>> droppedTargets();

  /** The metric metadata running targets exposed in their last scrape. */
  default List<ScrapeManager.TargetMetadata> targetMetadata() {
    return List.of();
  }

  /** No scraping configured (yet). */
  TargetSource NONE =
      new TargetSource() {
        @Override
        public List<TargetStatus> activeTargets() {
          return List.of();
        }

        @Override
        public Map<String, List<Labels>> droppedTargets() {
          return Map.of();
        }
      };
}
