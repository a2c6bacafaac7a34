package io.moraine.server.config;

import io.moraine.core.labels.Matcher;
import io.moraine.promql.parser.ParseException;
import io.moraine.promql.parser.Parser;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Moraine's {@code logs} section (see {@link LogsConfig}): strict keys, Loki 2.9's rules
 * where Loki has one (a retention period of at least 24h), each error at the offending node.
 */
final class LogsBinder {
  /** Loki refuses shorter retention periods (the compactor's smallest unit is a day). */
  private static final long MIN_RETENTION_MILLIS = 24L * 3_600_000;

  private LogsBinder() {}

  static LogsConfig bind(Section s, Path baseDir) {
    LogsConfig d = LogsConfig.DEFAULT;
    boolean enabled = s.bool("enabled", d.enabled());
    long retention = retention(s, "retention", d.retentionMillis(), true);
    long size = s.bytes("retention_size", d.retentionSizeBytes());
    List<LogsConfig.RetentionStream> streams = new ArrayList<>();
    for (Section r : s.sections("retention_stream")) {
      streams.add(retentionStream(r));
    }
    LogsConfig.Limits limits = limits(s.section("limits"));
    LogsConfig.Query query = query(s.section("query"));
    List<LogsConfig.RemotePush> pushes = new ArrayList<>();
    for (Section p : s.sections("remote_push")) {
      pushes.add(remotePush(p, baseDir));
    }
    s.rejectUnknown();
    return new LogsConfig(enabled, retention, size, streams, limits, query, pushes);
  }

  private static long retention(Section s, String key, long def, boolean zeroAllowed) {
    long v = s.duration(key, def);
    if ((v != 0 || !zeroAllowed) && v < MIN_RETENTION_MILLIS) {
      throw s.error(
          key, "retention period must be >= 24h was " + io.moraine.core.time.Durations.format(v));
    }
    return v;
  }

  private static LogsConfig.RetentionStream retentionStream(Section r) {
    String selector = r.string("selector");
    if (selector == null) {
      throw new YamlError(r.mark(), r.path() + ": selector is required");
    }
    try {
      List<Matcher> matchers = Parser.parseSelector(selector);
      boolean selective = false;
      for (Matcher m : matchers) {
        selective |= !m.matchesEmpty();
      }
      if (!selective) {
        throw r.error(
            "selector", "selector " + selector + " must contain a matcher that is not empty");
      }
    } catch (ParseException e) {
      throw r.error("selector", "invalid selector " + selector + ": " + e.reason());
    }
    if (!r.has("period")) {
      throw new YamlError(r.mark(), r.path() + ": period is required");
    }
    long period = retention(r, "period", 0, false);
    long priority = r.nonNegativeLong("priority", 0);
    r.rejectUnknown();
    return new LogsConfig.RetentionStream(selector, period, (int) Math.min(priority, 1 << 30));
  }

  private static LogsConfig.Limits limits(Section l) {
    LogsConfig.Limits d = LogsConfig.Limits.DEFAULT;
    LogsConfig.Limits out =
        new LogsConfig.Limits(
            megabytes(l, "ingestion_rate_mb", d.ingestionRateMb()),
            megabytes(l, "ingestion_burst_size_mb", d.ingestionBurstSizeMb()),
            l.bytes("max_line_size", d.maxLineSizeBytes()),
            intValue(l, "max_label_names_per_series", d.maxLabelNamesPerSeries()),
            intValue(l, "max_label_name_length", d.maxLabelNameLength()),
            intValue(l, "max_label_value_length", d.maxLabelValueLength()),
            intValue(l, "max_streams_per_tenant", d.maxStreamsPerTenant()),
            l.duration("reject_old_samples_max_age", d.rejectOldSamplesMaxAgeMillis()),
            l.duration("creation_grace_period", d.creationGracePeriodMillis()));
    l.rejectUnknown();
    return out;
  }

  private static LogsConfig.Query query(Section q) {
    LogsConfig.Query d = LogsConfig.Query.DEFAULT;
    int entries = positive(q, "max_entries_limit", d.maxEntriesLimit());
    int series = positive(q, "max_series", d.maxSeries());
    long timeout = q.duration("timeout", d.timeoutMillis());
    if (timeout <= 0) {
      throw q.error("timeout", "query timeout must be positive");
    }
    q.rejectUnknown();
    return new LogsConfig.Query(entries, series, timeout);
  }

  private static LogsConfig.RemotePush remotePush(Section p, Path baseDir) {
    String urlText = p.rawString("url", "");
    String tenant = p.string("tenant_id");
    var basic = HttpClientBinder.basicAuth(p.section("basic_auth"), baseDir, p);
    Map<String, String> headers = new LinkedHashMap<>();
    Section h = p.section("headers");
    for (YamlNode.Entry e : h.entries()) {
      headers.put(e.key(), h.rawString(e.key(), ""));
    }
    long wait = p.duration("batch_wait", 1_000);
    long size = p.bytes("batch_size", 1L << 20);
    p.rejectUnknown();
    if (urlText.isEmpty()) {
      throw new YamlError(p.mark(), p.path() + ": url is required");
    }
    URI url;
    try {
      url = new URI(urlText);
    } catch (URISyntaxException e) {
      throw p.error("url", "parse " + ScrapeConfigBinder.quote(urlText) + ": " + e.getReason());
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw p.error("url", "unsupported scheme in url " + ScrapeConfigBinder.quote(urlText));
    }
    if (wait <= 0) {
      throw p.error("batch_wait", "batch_wait must be positive");
    }
    if (size <= 0) {
      throw p.error("batch_size", "batch_size must be positive");
    }
    return new LogsConfig.RemotePush(url, tenant, basic, headers, wait, size);
  }

  private static double megabytes(Section s, String key, double def) {
    YamlNode n = s.take(key);
    if (n == null || n instanceof YamlNode.Scalar sc && (sc.isNull() || sc.text().isEmpty())) {
      return def;
    }
    if (n instanceof YamlNode.Scalar sc) {
      try {
        double v = Double.parseDouble(sc.text());
        if (v >= 0 && Double.isFinite(v)) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below with the position
      }
    }
    throw s.error(key, "expected a non-negative number of megabytes for " + key);
  }

  private static int intValue(Section s, String key, int def) {
    long v = s.nonNegativeLong(key, def);
    if (v > Integer.MAX_VALUE) {
      throw s.error(key, key + " is too large: " + v);
    }
    return (int) v;
  }

  private static int positive(Section s, String key, int def) {
    int v = intValue(s, key, def);
    if (v == 0) {
      throw s.error(key, key + " must be positive");
    }
    return v;
  }
}
