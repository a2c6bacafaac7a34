package io.moraine.ingest.textparse;

import org.jspecify.annotations.Nullable;

/**
 * Scrape content negotiation as Prometheus 2.42 does it: the {@code Accept} header the scraper
 * sends, and the choice of parser from the response's {@code Content-Type}. Stateless.
 */
public final class TextFormats {
  /** The {@code Accept} header of a Prometheus 2.42 scrape. */
  public static final String SCRAPE_ACCEPT_HEADER =
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
          + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  /**
   * The {@code Accept} header of a Prometheus 2.42 scrape with protobuf negotiation on (the {@code
   * native-histograms} feature flag).
   */
  public static final String SCRAPE_ACCEPT_HEADER_WITH_PROTOBUF =
      "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,"
          + "application/openmetrics-text;version=1.0.0;q=0.8,"
          + "application/openmetrics-text;version=0.0.1;q=0.75,"
          + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  private TextFormats() {}

  /**
   * The format of a body with this {@code Content-Type}: by media type ({@code
   * application/openmetrics-text}, {@code application/vnd.google.protobuf}, case-insensitive,
   * parameters ignored); anything else, a missing or empty header, or one that Go's {@code
   * mime.ParseMediaType} refuses (also for its parameters) is {@link
   * TextFormat#PROMETHEUS_TEXT_0_0_4}. Prometheus logs the refusal at debug level: see {@link
   * #contentTypeError}.
   */
  public static TextFormat forContentType(@Nullable String contentType) {
    if (contentType == null || contentType.isEmpty()) {
      return TextFormat.PROMETHEUS_TEXT_0_0_4;
    }
    String mediaType;
    try {
      mediaType = MediaType.parse(contentType);
    } catch (IllegalArgumentException e) {
      return TextFormat.PROMETHEUS_TEXT_0_0_4;
    }
    return switch (mediaType) {
      case "application/openmetrics-text" -> TextFormat.OPENMETRICS;
      case "application/vnd.google.protobuf" -> TextFormat.PROTOBUF;
      default -> TextFormat.PROMETHEUS_TEXT_0_0_4;
    };
  }

  /**
   * Why Go's {@code mime.ParseMediaType} refuses {@code contentType} (its message, such as {@code
   * mime: expected slash after first token}), or null when it accepts it or the header is missing.
   */
  public static @Nullable String contentTypeError(@Nullable String contentType) {
    if (contentType == null || contentType.isEmpty()) {
      return null;
    }
    try {
      MediaType.parse(contentType);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
