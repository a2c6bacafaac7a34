package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrape jobs' {@code tls_config} against real HTTPS exposition endpoints (the JDK's {@link
 * HttpsServer} with the test-only certificates of {@code src/test/resources/scrape/tls}): a CA
 * signed endpoint, one that demands a client certificate, and a self-signed one. Each job's health
 * and last error are read from {@code /api/v1/targets}.
 */
class ScrapeTlsTest {
  private static final Path TLS = Path.of("src/test/resources/scrape/tls").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final List<HttpsServer> servers = new CopyOnWriteArrayList<>();
  private final List<ExecutorService> pools = new CopyOnWriteArrayList<>();
  private final Map<String, String> sniByPath = new ConcurrentHashMap<>();

  @AfterEach
  void stopServers() {
    servers.forEach(s -> s.stop(0));
    pools.forEach(ExecutorService::shutdownNow);
  }

  @Test
  void eachJobScrapesThroughItsOwnTlsConfig() throws Exception {
    String signed = serve("server.pem", "server.key", false);
    String mtls = serve("server.pem", "server.key", true);
    String selfSigned = serve("self-signed.pem", "self-signed.key", false);
    Path cfg = dir.resolve("moraine.yml");
    Files.writeString(
        cfg,
        """
        global:
          scrape_interval: 1s
          scrape_timeout: 900ms
        scrape_configs:
          - job_name: ca
            scheme: https
            tls_config: {ca_file: %1$s/ca.pem}
            static_configs: [{targets: ["%2$s"]}]
          - job_name: no-ca
            scheme: https
            static_configs: [{targets: ["%2$s"]}]
          - job_name: insecure
            scheme: https
            tls_config: {insecure_skip_verify: true}
            static_configs: [{targets: ["%4$s"]}]
          - job_name: mtls
            scheme: https
            metrics_path: /mtls
            tls_config:
              ca_file: %1$s/ca.pem
              cert_file: %1$s/client.pem
              key_file: %1$s/client-ec.key
            static_configs: [{targets: ["%3$s"]}]
          - job_name: mtls-no-cert
            scheme: https
            tls_config: {ca_file: %1$s/ca.pem}
            static_configs: [{targets: ["%3$s"]}]
          - job_name: named
            scheme: https
            metrics_path: /named
            tls_config: {ca_file: %1$s/ca.pem, server_name: localhost}
            static_configs: [{targets: ["%2$s"]}]
          - job_name: wrong-name
            scheme: https
            tls_config: {ca_file: %1$s/ca.pem, server_name: other.example}
            static_configs: [{targets: ["%2$s"]}]
        """
            .formatted(TLS, signed, mtls, selfSigned));
    try (TestServer server = TestServer.start("--config", cfg.toString());
        HttpClient c = HttpClient.newHttpClient()) {
      String url = server.url() + "/api/v1/targets?state=active";
      // the first handshakes of a cold JVM on a busy machine may miss a scrape's deadline
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertTargets(targetsByJob(get(c, url)), mtls));
      assertThat(sniByPath).containsEntry("/named", "localhost");
      String q =
          URLEncoder.encode(
              "count by (job) (app_ready == 1) or on(job) up == 0", StandardCharsets.UTF_8);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(
                          JSON
                              .readTree(get(c, server.url() + "/api/v1/query?query=" + q))
                              .at("/data/result")
                              .findValues("job")
                              .stream()
                              .map(JsonNode::asText)
                              .sorted())
                      .containsExactly(
                          "ca",
                          "insecure",
                          "mtls",
                          "mtls-no-cert",
                          "named",
                          "no-ca",
                          "wrong-name"));
    }
  }

  private static void assertTargets(Map<String, JsonNode> byJob, String mtls) {
    assertThat(byJob).hasSize(7);
    assertUp(byJob, "ca");
    assertUp(byJob, "insecure");
    assertUp(byJob, "mtls");
    assertUp(byJob, "named");
    assertThat(lastError(byJob, "no-ca")).contains("PKIX path building failed");
    assertThat(lastError(byJob, "mtls-no-cert")).startsWith("Get \"https://" + mtls + "/metrics\"");
    assertThat(lastError(byJob, "wrong-name"))
        .contains("x509: certificate is valid for localhost, not other.example");
  }

  private static JsonNode target(Map<String, JsonNode> byJob, String job) {
    JsonNode t = byJob.get(job);
    assertThat(t).as(job).isNotNull();
    return Objects.requireNonNull(t);
  }

  private static void assertUp(Map<String, JsonNode> byJob, String job) {
    JsonNode t = target(byJob, job);
    assertThat(t.get("health").asText()).as("%s: %s", job, t.get("lastError")).isEqualTo("up");
    assertThat(t.get("lastError").asText()).as(job).isEmpty();
  }

  private static String lastError(Map<String, JsonNode> byJob, String job) {
    JsonNode t = target(byJob, job);
    assertThat(t.get("health").asText()).as(job).isEqualTo("down");
    return t.get("lastError").asText();
  }

  private static Map<String, JsonNode> targetsByJob(String body) throws Exception {
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode t : JSON.readTree(body).at("/data/activeTargets")) {
      out.put(t.get("scrapePool").asText(), t);
    }
    return out;
  }

  private static String get(HttpClient c, String url) throws Exception {
    return c.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /**
   * An HTTPS exposition endpoint on 127.0.0.1 presenting {@code cert}; with {@code needClientAuth}
   * it demands a client certificate signed by the test CA. Returns {@code host:port}.
   */
  private String serve(String cert, String key, boolean needClientAuth) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", pkcs8(TLS.resolve(key)), new char[0], certs(TLS.resolve(cert)));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", certs(TLS.resolve("ca.pem"))[0]);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.setHttpsConfigurator(
        new HttpsConfigurator(ctx) {
          @Override
          public void configure(HttpsParameters p) {
            var params = ctx.getDefaultSSLParameters();
            params.setNeedClientAuth(needClientAuth);
            p.setSSLParameters(params);
          }
        });
    s.createContext(
        "/",
        x -> {
          if (((HttpsExchange) x).getSSLSession() instanceof ExtendedSSLSession e) {
            for (SNIServerName n : e.getRequestedServerNames()) {
              if (n instanceof SNIHostName h) {
                sniByPath.put(x.getRequestURI().getPath(), h.getAsciiName());
              }
            }
          }
          byte[] b = "# TYPE app_ready gauge\napp_ready 1\n".getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, b.length);
          try (OutputStream o = x.getResponseBody()) {
            o.write(b);
          }
        });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    pools.add(pool);
    s.setExecutor(pool);
    s.start();
    servers.add(s);
    return "127.0.0.1:" + s.getAddress().getPort();
  }

  private static Certificate[] certs(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509")
          .generateCertificates(in)
          .toArray(new Certificate[0]);
    }
  }

  private static PrivateKey pkcs8(Path pem) throws Exception {
    String b64 =
        Files.readString(pem)
            .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
  }
}
