package io.moraine.ingest.scrape;

import io.moraine.core.labels.Labels;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One {@code scrape_configs} entry as the scrape manager runs it.
 *
 * @param relabel the job's {@code relabel_configs} (null result: target dropped)
 * @param metricRelabel the job's {@code metric_relabel_configs} (null result: series dropped)
 * @param headers request headers every scrape sends (authorization, already resolved)
 * @param bodySizeLimitBytes 0 for none
 * @param targetLimit 0 for none
 * @param client the client this job's scrapes go through (its own TLS settings), or null for the
 *     scraper's shared one; owned by the caller, who closes it after the job's loops have stopped
 */
public record ScrapeJob(
    TargetLabels.JobDefaults defaults,
    ScrapeOptions options,
    Function<Labels, @Nullable Labels> relabel,
    Function<Labels, @Nullable Labels> metricRelabel,
    Map<String, String> headers,
    long bodySizeLimitBytes,
    int targetLimit,
    @Nullable HttpClient client) {
  public ScrapeJob(
      TargetLabels.JobDefaults defaults,
      ScrapeOptions options,
      Function<Labels, @Nullable Labels> relabel,
      Function<Labels, @Nullable Labels> metricRelabel,
      Map<String, String> headers,
      long bodySizeLimitBytes,
      int targetLimit,
      @Nullable HttpClient client) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.options = Objects.requireNonNull(options, "options");
    this.relabel = Objects.requireNonNull(relabel, "relabel");
    this.metricRelabel = Objects.requireNonNull(metricRelabel, "metricRelabel");
    this.headers = Map.copyOf(headers);
    this.bodySizeLimitBytes = bodySizeLimitBytes;
    this.targetLimit = targetLimit;
    this.client = client;
  }

  public String name() {
    return defaults.jobName();
  }
}
