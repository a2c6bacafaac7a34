package io.moraine.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reads Moraine's {@code graph} section (see {@link GraphConfig}): strict keys, each error at the
 * offending node.
 */
final class GraphBinder {
  private GraphBinder() {}

  static GraphConfig bind(Section s, Path baseDir) {
    GraphConfig d = GraphConfig.DEFAULT;
    String base = baseIri(s, d.baseIri());
    String site = s.string("site");
    if (site != null && site.isBlank()) {
      throw s.error("site", "site must not be blank");
    }
    GraphConfig.Profile profile = profile(s);
    GraphConfig.Store store = store(s, baseDir);
    long retention = positiveDuration(s, "retention", d.retentionMillis());
    long window = positiveDuration(s, "summary_window", d.summaryWindowMillis());
    long interval = positiveDuration(s, "summary_interval", d.summaryIntervalMillis());
    if (interval > window) {
      throw s.error("summary_interval", "summary_interval must not exceed summary_window");
    }
    long timeout = positiveDuration(s, "query_timeout", d.queryTimeoutMillis());
    long maxResults = s.nonNegativeLong("max_results", d.maxResults());
    if (maxResults == 0) {
      throw s.error("max_results", "max_results must be positive");
    }
    long body = s.bytes("max_body_size", d.maxBodySizeBytes());
    if (body <= 0) {
      throw s.error("max_body_size", "max_body_size must be positive");
    }
    s.rejectUnknown();
    return new GraphConfig(
        base, site, profile, store, retention, window, interval, timeout, maxResults, body);
  }

  private static String baseIri(Section s, String def) {
    String text = s.string("base_iri");
    if (text == null) {
      return def;
    }
    URI uri;
    try {
      uri = new URI(text.replace("{site}", "site"));
    } catch (URISyntaxException e) {
      throw s.error("base_iri", "invalid base_iri " + quote(text) + ": " + e.getReason());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw s.error("base_iri", "base_iri " + quote(text) + " must be an http or https IRI");
    }
    if (!text.endsWith("/") || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw s.error(
          "base_iri", "base_iri " + quote(text) + " must end with / (no query, no fragment)");
    }
    return text;
  }

  private static GraphConfig.Profile profile(Section s) {
    String text = s.string("profile");
    if (text == null) {
      return GraphConfig.DEFAULT.profile();
    }
    for (GraphConfig.Profile p : GraphConfig.Profile.values()) {
      if (p.wireName().equals(text)) {
        return p;
      }
    }
    throw s.error(
        "profile", "unknown profile " + quote(text) + " (use moraine or glaciation-legacy)");
  }

  private static GraphConfig.Store store(Section s, Path baseDir) {
    if (!s.has("store")) {
      return GraphConfig.DEFAULT.store();
    }
    YamlNode n = s.take("store");
    if (n == null || n instanceof YamlNode.Scalar sc && sc.isNull()) {
      return GraphConfig.DEFAULT.store();
    }
    if (n instanceof YamlNode.Scalar sc) {
      if (sc.text().equals("embedded")) {
        return new GraphConfig.Store.Embedded();
      }
      throw s.error("store", "expected embedded or a mapping with remote, got " + quote(sc.text()));
    }
    Section store = Section.of(s.path() + ".store", n);
    if (!store.has("remote")) {
      throw s.error("store", "expected embedded or a mapping with remote");
    }
    Section r = store.section("remote");
    store.rejectUnknown();
    return remote(r, baseDir);
  }

  private static GraphConfig.Store.Remote remote(Section r, Path baseDir) {
    String url = r.string("url");
    String user = r.string("username");
    String file = r.string("password_file");
    r.rejectUnknown();
    if (url == null) {
      throw new YamlError(r.mark(), r.path() + ": url is required");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw r.error("url", "parse " + quote(url) + ": " + e.getReason());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw r.error("url", "unsupported scheme in url " + quote(url));
    }
    @Nullable Path password = file == null ? null : baseDir.resolve(file).normalize();
    if (password != null && user == null) {
      throw r.error("password_file", "password_file needs a username");
    }
    return new GraphConfig.Store.Remote(uri, user, password);
  }

  private static long positiveDuration(Section s, String key, long def) {
    long v = s.duration(key, def);
    if (v <= 0) {
      throw s.error(key, key + " must be positive");
    }
    return v;
  }

  private static String quote(String s) {
    return ScrapeConfigBinder.quote(s);
  }
}
