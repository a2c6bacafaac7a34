package io.moraine.ingest.discovery;

import io.moraine.core.labels.GoQuote;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Options of {@link FileDiscoverer}, as a {@code file_sd_configs} entry.
 *
 * @param files paths of {@code .json}, {@code .yml} or {@code .yaml} files; the last path segment
 *     may be a glob ({@code *}, {@code ?}, {@code [...]}); relative paths are taken from the
 *     working directory (the caller joins them to the config file's directory first)
 * @param refreshInterval how often every file is re-read besides the watch events; positive
 * @throws IllegalArgumentException with Prometheus's message for an empty list or a bad path
 */
public record FileDiscoveryOptions(List<String> files, Duration refreshInterval) {
  /** Prometheus's default {@code refresh_interval}. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(5);

  /** Prometheus's rule for a {@code files} entry: one {@code *} at most, in the last segment. */
  private static final Pattern FILE_NAME =
      Pattern.compile("^[^*]*(\\*[^/]*)?\\.(json|yml|yaml|JSON|YML|YAML)$");

  public FileDiscoveryOptions {
    files = List.copyOf(files);
    Objects.requireNonNull(refreshInterval, "refreshInterval");
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "file service discovery config must contain at least one path name");
    }
    for (String f : files) {
      if (!FILE_NAME.matcher(f).matches()) {
        throw new IllegalArgumentException(
            "path name " + GoQuote.quote(f) + " is not valid for file discovery");
      }
      FileGlob.compile(f);
    }
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException(
          "file service discovery refresh_interval must be positive, got " + refreshInterval);
    }
  }

  /** Options for {@code files} with the default refresh interval. */
  public FileDiscoveryOptions(List<String> files) {
    this(files, DEFAULT_REFRESH_INTERVAL);
  }
}
