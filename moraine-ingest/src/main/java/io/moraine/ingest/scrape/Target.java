package io.moraine.ingest.scrape;

import io.moraine.core.labels.Labels;
import io.moraine.core.time.Durations;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A target to scrape: its labels after relabeling (internal ones included), the labels it was
 * discovered with, the labels its samples get, and its URL.
 */
public record Target(
    Labels labels,
    Labels discovered,
    Labels publicLabels,
    URI url,
    long intervalMillis,
    long timeoutMillis) {

  /** Builds the target from populated labels (see {@link TargetLabels#populate}). */
  public static Target of(Labels labels, Labels discovered) {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < labels.size(); i++) {
      String n = labels.name(i);
      if (n.startsWith(TargetLabels.PARAM_PREFIX)) {
        query
            .append(query.isEmpty() ? '?' : '&')
            .append(
                URLEncoder.encode(
                    n.substring(TargetLabels.PARAM_PREFIX.length()), StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(labels.value(i), StandardCharsets.UTF_8));
      }
    }
    String path = labels.getOrEmpty(TargetLabels.METRICS_PATH);
    URI url =
        URI.create(
            labels.getOrEmpty(TargetLabels.SCHEME)
                + "://"
                + labels.getOrEmpty(TargetLabels.ADDRESS)
                + (path.startsWith("/") ? path : "/" + path)
                + query);
    return new Target(
        labels,
        discovered,
        TargetLabels.publicLabels(labels),
        url,
        Durations.parseMillis(labels.getOrEmpty(TargetLabels.SCRAPE_INTERVAL)),
        Durations.parseMillis(labels.getOrEmpty(TargetLabels.SCRAPE_TIMEOUT)));
  }
}
