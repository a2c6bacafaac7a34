package io.moraine.server.scrape;

import io.moraine.core.labels.Labels;
import io.moraine.ingest.scrape.ScrapeManager;
import io.moraine.ingest.scrape.TargetStatus;
import io.moraine.server.api.prom.TargetSource;
import java.util.List;
import java.util.Map;

/** The running scrape jobs' targets, as the targets API lists them. */
public record ScrapingTargets(Scraping scraping) implements TargetSource {
  @Override
  public List<TargetStatus> activeTargets() {
    return scraping.activeTargets();
  }

  @Override
  public Map<String, List<Labels>> droppedTargets() {
    return scraping.droppedTargets();
  }

  @Override
  public List<ScrapeManager.TargetMetadata> targetMetadata() {
    return scraping.targetMetadata();
  }
}
