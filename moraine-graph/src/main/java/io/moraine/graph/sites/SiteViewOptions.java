package io.moraine.graph.sites;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SiteView} reads one site. Immutable.
 *
 * @param site the site's name, as clients name it in {@code /api/v1/sites/{site}}
 * @param baseIri the site's base IRI with the site already substituted (ends in {@code /}); every
 *     entity it reports lives under it
 * @param maxWindow the longest window a request may ask for; longer ones are refused with {@link
 *     WindowException}
 * @param minStep the shortest subquery step of the usage queries: the scrape interval, below which
 *     more steps only repeat samples
 * @param maxSteps the most subquery steps per usage query; a longer window gets a longer step, so
 *     the cost of a query is bounded whatever the window
 * @param queryTimeoutMillis the bound of each SPARQL query
 */
public record SiteViewOptions(
    String site,
    String baseIri,
    Duration maxWindow,
    Duration minStep,
    int maxSteps,
    long queryTimeoutMillis) {

  /** The longest window allowed by default: the graph's default retention of history. */
  public static final Duration DEFAULT_MAX_WINDOW = Duration.ofDays(7);

  /** The default scrape interval. */
  public static final Duration DEFAULT_MIN_STEP = Duration.ofSeconds(15);

  /** Enough points for a smooth average and a faithful maximum of one series. */
  public static final int DEFAULT_MAX_STEPS = 250;

  public SiteViewOptions {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(baseIri, "baseIri");
    Objects.requireNonNull(maxWindow, "maxWindow");
    Objects.requireNonNull(minStep, "minStep");
    if (site.isEmpty()) {
      throw new IllegalArgumentException("site name is empty");
    }
    if (!baseIri.endsWith("/")
        || baseIri.chars().anyMatch(c -> c <= ' ' || "<>\"{}|^`\\".indexOf(c) >= 0)) {
      throw new IllegalArgumentException("base IRI must be an IRI ending in /: " + baseIri);
    }
    if (maxWindow.isNegative() || maxWindow.isZero() || minStep.toMillis() <= 0 || maxSteps <= 0) {
      throw new IllegalArgumentException("site view limits must be positive");
    }
    if (queryTimeoutMillis <= 0) {
      throw new IllegalArgumentException("query timeout must be positive");
    }
  }

  /** The defaults for {@code site} under {@code baseIri}: 7 days, 15 s, 250 steps, 30 s. */
  public static SiteViewOptions defaults(String site, String baseIri) {
    return new SiteViewOptions(
        site, baseIri, DEFAULT_MAX_WINDOW, DEFAULT_MIN_STEP, DEFAULT_MAX_STEPS, 30_000);
  }

  /** These options with another maximum window. */
  public SiteViewOptions withMaxWindow(Duration max) {
    return new SiteViewOptions(site, baseIri, max, minStep, maxSteps, queryTimeoutMillis);
  }
}
