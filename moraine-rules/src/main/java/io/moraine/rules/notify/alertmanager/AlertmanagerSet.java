package io.moraine.rules.notify.alertmanager;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * One set of Alertmanagers: its options, its HTTP client and its current URLs. Thread-safe: the
 * URLs are replaced as a whole.
 */
final class AlertmanagerSet {
  private final AlertmanagerSetOptions options;
  private final HttpClient client;
  private volatile List<URI> urls = List.of();

  AlertmanagerSet(AlertmanagerSetOptions options) {
    this.options = options;
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(options.timeout())
            .followRedirects(
                options.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
    SSLContext ssl = options.sslContext();
    if (ssl != null) {
      b.sslContext(ssl);
    }
    this.client = b.build();
  }

  AlertmanagerSetOptions options() {
    return options;
  }

  List<URI> urls() {
    return urls;
  }

  /**
   * Replaces the URLs, deduplicated by their text in first-seen order.
   *
   * @return the URLs kept
   */
  List<URI> setUrls(List<URI> in) {
    Set<String> seen = new LinkedHashSet<>();
    List<URI> out = new ArrayList<>();
    for (URI u : in) {
      if (seen.add(u.toString())) {
        out.add(u);
      }
    }
    urls = List.copyOf(out);
    return urls;
  }

  /**
   * POSTs {@code body} to {@code url}, blocking until the answer or the timeout.
   *
   * @throws IOException on a connection failure, a timeout or a non-2xx answer
   * @throws InterruptedException when the notifier is closing
   */
  void post(URI url, byte[] body, String userAgent) throws IOException, InterruptedException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(url)
            .timeout(options.timeout())
            .header("User-Agent", userAgent)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    @Nullable String auth = options.authorization().header();
    if (auth != null) {
      req.header("Authorization", auth);
    }
    HttpResponse<Void> resp;
    try {
      resp = client.send(req.build(), HttpResponse.BodyHandlers.discarding());
    } catch (HttpTimeoutException e) {
      throw new IOException("context deadline exceeded after " + options.timeout(), e);
    }
    if (resp.statusCode() / 100 != 2) {
      throw new IOException("bad response status " + resp.statusCode());
    }
  }

  /** Lets requests in flight finish, then frees the client's threads. */
  void close() {
    client.shutdown();
  }
}
