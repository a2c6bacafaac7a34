package io.moraine.server.config;

import io.moraine.ingest.relabel.RelabelConfig;
import io.moraine.ingest.remotewrite.QueueConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code remote_write} as Prometheus 2.42 does ({@code config.RemoteWriteConfig}): its
 * defaults and its messages, each error at the offending node.
 */
final class RemoteWriteBinder {
  /** Headers Prometheus sets itself ({@code reservedHeaders}). */
  private static final Set<String> RESERVED =
      Set.of(
          "host",
          "content-encoding",
          "content-length",
          "content-type",
          "user-agent",
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "www-authenticate",
          "accept-encoding",
          "x-prometheus-remote-write-version",
          "x-prometheus-remote-read-version",
          "x-amz-date",
          "x-amz-security-token",
          "x-amz-content-sha256");

  /** Keys 2.42 has that Moraine accepts and does not act on. */
  private static final String[] NOT_YET_USED = {
    "send_exemplars", "send_native_histograms", "sigv4", "metadata_config"
  };

  private RemoteWriteBinder() {}

  static List<RemoteWriteConfig> bind(Section top, Path baseDir, List<String> ignored) {
    List<YamlNode> items = top.items("remote_write");
    List<RemoteWriteConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "remote_write[" + i + "]";
      YamlNode item = Section.deref(path, items.get(i));
      if (item == null || ScrapeConfigBinder.isNull(item)) {
        throw new YamlError(items.get(i).mark(), "empty or null remote write config section");
      }
      Section s = Section.resolving(path, item);
      RemoteWriteConfig c = one(s, baseDir, ignored);
      if (s.string("name") != null && !names.add(c.name())) {
        throw s.error(
            "name",
            "found multiple remote write configs with job name "
                + ScrapeConfigBinder.quote(c.name()));
      }
      out.add(c);
    }
    return out;
  }

  private static RemoteWriteConfig one(Section s, Path baseDir, List<String> ignored) {
    String urlText = s.rawString("url", "");
    String name = s.rawString("name", "");
    long timeout = s.duration("remote_timeout", 30_000);
    Map<String, String> headers = new LinkedHashMap<>();
    Section h = s.section("headers");
    for (YamlNode.Entry e : h.entries()) {
      headers.put(e.key(), h.rawString(e.key(), ""));
    }
    List<RelabelConfig> relabel = relabel(s);
    QueueConfig queue = queue(s.section("queue_config"));
    Section meta = s.section("metadata_config");
    meta.bool("send", true);
    meta.duration("send_interval", 60_000);
    meta.nonNegativeLong("max_samples_per_send", 500);
    meta.rejectUnknown();
    HttpClientConfig http = HttpClientBinder.bind(s, baseDir, ignored);
    ignored.addAll(s.ignore(NOT_YET_USED));
    s.rejectUnknown();
    if (urlText.isEmpty()) {
      throw new YamlError(s.mark(), "url for remote_write is empty");
    }
    URI url;
    try {
      url = new URI(urlText);
    } catch (URISyntaxException e) {
      throw s.error("url", "parse " + ScrapeConfigBinder.quote(urlText) + ": " + e.getReason());
    }
    if (url.getScheme() == null
        || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
      throw s.error(
          "url", "unsupported scheme in remote_write url " + ScrapeConfigBinder.quote(urlText));
    }
    for (String k : headers.keySet()) {
      String lower = k.toLowerCase(Locale.ROOT);
      if (lower.equals("authorization")) {
        throw s.error(
            "headers",
            "authorization header must be changed via the basic_auth, authorization, oauth2, or"
                + " sigv4 parameter");
      }
      if (RESERVED.contains(lower)) {
        throw s.error("headers", k + " is a reserved header. It must not be changed");
      }
    }
    return new RemoteWriteConfig(
        url, name.isEmpty() ? hash(urlText) : name, timeout, headers, relabel, http, queue);
  }

  private static List<RelabelConfig> relabel(Section s) {
    List<YamlNode> items = s.items("write_relabel_configs");
    List<RelabelConfig> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = s.path() + ".write_relabel_configs[" + i + "]";
      if (ScrapeConfigBinder.isNull(items.get(i))) {
        throw new YamlError(
            items.get(i).mark(), "empty or null relabeling rule in remote write config");
      }
      out.add(ScrapeConfigBinder.relabel(Section.resolving(path, items.get(i))));
    }
    return out;
  }

  private static QueueConfig queue(Section q) {
    QueueConfig d = QueueConfig.DEFAULT;
    int capacity = intValue(q, "capacity", d.capacity());
    int maxShards = intValue(q, "max_shards", d.maxShards());
    int minShards = intValue(q, "min_shards", d.minShards());
    int perSend = intValue(q, "max_samples_per_send", d.maxSamplesPerSend());
    long deadline = q.duration("batch_send_deadline", d.batchSendDeadline().toMillis());
    long minBackoff = q.duration("min_backoff", d.minBackoff().toMillis());
    long maxBackoff = q.duration("max_backoff", d.maxBackoff().toMillis());
    boolean retry429 = q.bool("retry_on_http_429", d.retryOnHttp429());
    long maxDisk = q.bytes("max_disk_bytes", d.maxDiskBytes());
    q.rejectUnknown();
    if (minShards > maxShards) {
      throw q.error(
          "min_shards",
          "min_shards (" + minShards + ") must not be greater than max_shards (" + maxShards + ")");
    }
    if (maxDisk < 1 << 20) {
      throw q.error("max_disk_bytes", "max_disk_bytes must be at least 1MiB");
    }
    return new QueueConfig(
        capacity,
        minShards,
        maxShards,
        perSend,
        Duration.ofMillis(deadline),
        Duration.ofMillis(minBackoff),
        Duration.ofMillis(maxBackoff),
        retry429,
        maxDisk);
  }

  /** A positive int; 0 or absent means the default, as Go's omitempty zero value does. */
  private static int intValue(Section q, String key, int def) {
    long v = q.nonNegativeLong(key, def);
    if (v > Integer.MAX_VALUE) {
      throw q.error(key, key + " is too large: " + v);
    }
    return v == 0 ? def : (int) v;
  }

  private static String hash(String url) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 3);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: no SHA-256", e);
    }
  }
}
