package io.moraine.agent.cgroup;

import io.moraine.core.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PodDirectory} that GETs a {@code PodList} from the kubelet ({@code
 * https://<node>:10250/pods}) or the API server ({@code
 * /api/v1/pods?fieldSelector=spec.nodeName=<node>}) and keeps it in memory. The list is fetched on
 * the first lookup, then again when it is older than {@link Options#refresh}, and early (at most
 * once per {@link Options#minRefresh}) when a pod UID is unknown. A failed fetch is logged and the
 * last good list kept. Fetches happen in the calling thread, one at a time; lookups are otherwise
 * lock-free. Thread-safe.
 */
public final class KubeletPods implements PodDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(KubeletPods.class);

  /**
   * Where and how to fetch.
   *
   * @param uri the PodList URL
   * @param bearerTokenFile a file holding the bearer token (re-read on every fetch, as service
   *     account tokens rotate), or null for none
   * @param caFile PEM certificates to trust for https, or null for the JDK's default trust store
   * @param insecure accept any server certificate and host name (the kubelet's self-signed one)
   * @param refresh the list's maximum age
   * @param minRefresh the least time between two fetches (early refreshes for unknown pods)
   * @param timeout the connect and request timeout
   */
  public record Options(
      URI uri,
      @Nullable Path bearerTokenFile,
      @Nullable Path caFile,
      boolean insecure,
      Duration refresh,
      Duration minRefresh,
      Duration timeout) {
    public Options {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(refresh, "refresh");
      Objects.requireNonNull(minRefresh, "minRefresh");
      Objects.requireNonNull(timeout, "timeout");
    }

    /** {@code uri} with no token, the default trust store, 30 s refresh, 5 s early refresh. */
    public static Options of(URI uri) {
      return new Options(
          uri,
          null,
          null,
          false,
          Duration.ofSeconds(30),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10));
    }
  }

  private final Options options;
  private final Clock clock;
  private final HttpClient client;
  private final Object fetchLock = new Object();
  private volatile PodListParser.Snapshot snapshot = new PodListParser.Snapshot(Map.of(), Map.of());
  private volatile long fetchedAtNanos;
  private volatile boolean everFetched;
  private volatile long fetches;
  private volatile long failures;

  /**
   * @param options where and how to fetch
   * @param clock the time source for refresh intervals
   * @throws IOException when the CA file cannot be read or parsed
   */
  public KubeletPods(Options options, Clock clock) throws IOException {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(options.timeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (options.uri().getScheme().equals("https")) {
      b.sslContext(TrustContexts.create(options.caFile(), options.insecure()));
    }
    this.client = b.build();
  }

  @Override
  public @Nullable Pod pod(String uid) {
    refreshIf(options.refresh());
    Pod p = snapshot.pods().get(uid);
    if (p == null && refreshIf(options.minRefresh())) {
      p = snapshot.pods().get(uid);
    }
    return p;
  }

  @Override
  public @Nullable Container container(String runtimeId) {
    refreshIf(options.refresh());
    return snapshot.byId().get(runtimeId);
  }

  /** Fetches attempted, successful or not (a self-metric for the wiring). */
  public long fetches() {
    return fetches;
  }

  /** Fetches that failed. */
  public long failures() {
    return failures;
  }

  /** Fetches when the last attempt is older than {@code age}; true when it fetched. */
  private boolean refreshIf(Duration age) {
    if (everFetched && clock.nanoTime() - fetchedAtNanos < age.toNanos()) {
      return false;
    }
    synchronized (fetchLock) {
      if (everFetched && clock.nanoTime() - fetchedAtNanos < age.toNanos()) {
        return false;
      }
      fetchedAtNanos = clock.nanoTime();
      everFetched = true;
      fetches++;
      try {
        snapshot = fetch();
        return true;
      } catch (IOException e) {
        failures++;
        LOG.atWarn()
            .addKeyValue("uri", options.uri())
            .addKeyValue("err", e.toString())
            .log("pod list fetch failed; keeping the last one");
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failures++;
        return false;
      }
    }
  }

  private PodListParser.Snapshot fetch() throws IOException, InterruptedException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(options.uri())
            .timeout(options.timeout())
            .header("Accept", "application/json")
            .GET();
    Path token = options.bearerTokenFile();
    if (token != null) {
      req.header(
          "Authorization", "Bearer " + Files.readString(token, StandardCharsets.UTF_8).strip());
    }
    HttpResponse<InputStream> resp =
        client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = resp.body()) {
      if (resp.statusCode() != 200) {
        throw new IOException("pod list " + options.uri() + ": HTTP " + resp.statusCode());
      }
      return PodListParser.parse(body);
    }
  }
}
