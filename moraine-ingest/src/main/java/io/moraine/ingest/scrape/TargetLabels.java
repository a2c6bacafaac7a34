package io.moraine.ingest.scrape;

import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import io.moraine.core.time.Durations;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns a discovered target's labels into the labels it is scraped with, as Prometheus 2.42's
 * {@code PopulateLabels}: job, interval, timeout, metrics path, scheme and {@code __param_*}
 * defaults; relabeling; the default port of the scheme; {@code __meta_*} removed; {@code instance}
 * defaulting to the address; every value checked. Stateless.
 */
public final class TargetLabels {
  public static final String ADDRESS = "__address__";
  public static final String SCHEME = "__scheme__";
  public static final String METRICS_PATH = "__metrics_path__";
  public static final String SCRAPE_INTERVAL = "__scrape_interval__";
  public static final String SCRAPE_TIMEOUT = "__scrape_timeout__";
  public static final String PARAM_PREFIX = "__param_";
  public static final String META_PREFIX = "__meta_";

  private TargetLabels() {}

  /** The job-level settings a target starts from. */
  public record JobDefaults(
      String jobName,
      long intervalMillis,
      long timeoutMillis,
      String metricsPath,
      String scheme,
      Map<String, String> params) {
    public JobDefaults {
      params = Map.copyOf(params);
    }
  }

  /**
   * The outcome for one discovered target.
   *
   * @param labels the labels after relabeling (internal {@code __} ones included), or null when
   *     relabeling dropped the target
   * @param discovered the labels before relabeling (what {@code /api/v1/targets} shows as
   *     discoveredLabels)
   */
  public record Result(@Nullable Labels labels, Labels discovered) {}

  /** A target whose labels cannot be scraped; the message is Prometheus's. */
  public static final class InvalidTargetException extends Exception {
    public InvalidTargetException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Populates and relabels one target.
   *
   * @param discovered the target's labels merged with its group's (target wins)
   * @param relabel the job's {@code relabel_configs}: the relabeled set, or null to drop
   * @throws InvalidTargetException for no address, a bad scheme, interval or timeout, or a value
   *     that is not valid UTF-8
   */
  public static Result populate(
      Labels discovered, JobDefaults job, Function<Labels, @Nullable Labels> relabel)
      throws InvalidTargetException {
    Labels.Builder b = discovered.toBuilder();
    setIfAbsent(b, discovered, "job", job.jobName());
    setIfAbsent(b, discovered, SCRAPE_INTERVAL, Durations.format(job.intervalMillis()));
    setIfAbsent(b, discovered, SCRAPE_TIMEOUT, Durations.format(job.timeoutMillis()));
    setIfAbsent(b, discovered, METRICS_PATH, job.metricsPath());
    setIfAbsent(b, discovered, SCHEME, job.scheme());
    job.params().forEach((k, v) -> b.add(PARAM_PREFIX + k, v));
    Labels pre = b.build();
    Labels post = relabel.apply(pre);
    if (post == null) {
      return new Result(null, pre);
    }
    String addr = post.getOrEmpty(ADDRESS);
    if (addr.isEmpty()) {
      throw new InvalidTargetException("no address");
    }
    Labels.Builder out = post.toBuilder();
    if (!hasPort(addr)) {
      String scheme = post.getOrEmpty(SCHEME);
      addr +=
          switch (scheme) {
            case "http", "" -> ":80";
            case "https" -> ":443";
            default -> throw new InvalidTargetException("invalid scheme: \"" + job.scheme() + "\"");
          };
      out.add(ADDRESS, addr);
    }
    if (addr.contains("/")) {
      throw new InvalidTargetException("\"" + addr + "\" is not a valid hostname");
    }
    long interval = duration(post, SCRAPE_INTERVAL, "scrape interval");
    long timeout = duration(post, SCRAPE_TIMEOUT, "scrape timeout");
    if (timeout > interval) {
      throw new InvalidTargetException(
          "scrape timeout cannot be greater than scrape interval (\""
              + post.getOrEmpty(SCRAPE_TIMEOUT)
              + "\" > \""
              + post.getOrEmpty(SCRAPE_INTERVAL)
              + "\")");
    }
    for (int i = 0; i < post.size(); i++) {
      if (post.name(i).startsWith(META_PREFIX)) {
        out.remove(post.name(i));
      }
    }
    if (post.getOrEmpty("instance").isEmpty()) {
      out.add("instance", addr);
    }
    Labels res = out.build();
    for (int i = 0; i < res.size(); i++) {
      if (!LabelValidation.isValidUtf16(res.value(i))) {
        throw new InvalidTargetException(
            "invalid label value for \"" + res.name(i) + "\": \"" + res.value(i) + "\"");
      }
    }
    return new Result(res, pre);
  }

  /** The labels a target's samples get: those not starting with {@code __}. */
  public static Labels publicLabels(Labels target) {
    Labels.Builder b = Labels.builder();
    for (int i = 0; i < target.size(); i++) {
      if (!target.name(i).startsWith("__")) {
        b.add(target.name(i), target.value(i));
      }
    }
    return b.build();
  }

  private static void setIfAbsent(Labels.Builder b, Labels have, String name, String value) {
    if (have.getOrEmpty(name).isEmpty()) {
      b.add(name, value);
    }
  }

  private static long duration(Labels l, String name, String what) throws InvalidTargetException {
    String v = l.getOrEmpty(name);
    long ms;
    try {
      ms = Durations.parseMillis(v);
    } catch (IllegalArgumentException e) {
      throw new InvalidTargetException("error parsing " + what + ": " + e.getMessage());
    }
    if (ms == 0) {
      throw new InvalidTargetException(what + " cannot be 0");
    }
    return ms;
  }

  /** Whether {@code addr} ends in a port, as Go's {@code net.SplitHostPort} would accept it. */
  static boolean hasPort(String addr) {
    if (addr.startsWith("[")) {
      int close = addr.indexOf(']');
      return close > 0 && addr.startsWith(":", close + 1) && close + 2 <= addr.length();
    }
    int colon = addr.lastIndexOf(':');
    return colon >= 0 && addr.indexOf(':') == colon;
  }
}
