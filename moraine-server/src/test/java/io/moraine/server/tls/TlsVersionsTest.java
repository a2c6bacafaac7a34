package io.moraine.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.moraine.server.config.HttpClientConfig;
import io.moraine.server.config.HttpClientConfig.TlsVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code min_version} and {@code max_version} against real HTTPS servers that speak one protocol
 * only (the test-only {@code localhost}/{@code 127.0.0.1} certificate of {@code
 * src/test/resources/scrape/tls}): a version outside the range fails the handshake with a protocol
 * error, one inside it succeeds, also together with {@code server_name} sent as SNI.
 */
class TlsVersionsTest {
  private static final Path TLS = Path.of("src/test/resources/scrape/tls");
  private final List<HttpsServer> servers = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> sni = new AtomicReference<>("");
  private final AtomicReference<String> negotiated = new AtomicReference<>("");

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  private static HttpClientConfig.TlsConfig tls(
      @Nullable TlsVersion min, @Nullable TlsVersion max, String serverName) {
    return new HttpClientConfig.TlsConfig(TLS.resolve("ca.pem"), null, null, serverName, false)
        .withVersions(min, max);
  }

  @Test
  void minVersionAboveTheServersFailsWithAProtocolError() throws Exception {
    int tls12Only = serve("TLSv1.2");
    assertThatThrownBy(() -> get(tls12Only, tls(TlsVersion.TLS13, null, "")))
        .isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(messages(e)).contains("protocol_version"));
    assertThat(get(tls12Only, tls(TlsVersion.TLS12, null, ""))).isEqualTo(200);
    assertThat(negotiated.get()).isEqualTo("TLSv1.2");
  }

  @Test
  void maxVersionBelowTheServersFailsAndTheDefaultsReachTls13() throws Exception {
    int tls13Only = serve("TLSv1.3");
    assertThatThrownBy(() -> get(tls13Only, tls(null, TlsVersion.TLS12, "")))
        .isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(messages(e)).contains("protocol_version"));
    assertThat(get(tls13Only, tls(TlsVersion.TLS10, null, ""))).isEqualTo(200);
    assertThat(negotiated.get()).isEqualTo("TLSv1.3");
  }

  @Test
  void versionsAndServerNameTogether() throws Exception {
    int tls12Only = serve("TLSv1.2");
    assertThat(get(tls12Only, tls(TlsVersion.TLS12, TlsVersion.TLS12, "localhost"))).isEqualTo(200);
    assertThat(sni.get()).isEqualTo("localhost");
    assertThat(negotiated.get()).isEqualTo("TLSv1.2");
    assertThatThrownBy(() -> get(tls12Only, tls(TlsVersion.TLS13, null, "localhost")))
        .isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(messages(e)).contains("protocol_version"));
  }

  @Test
  void theRangeGoesFromMinToMaxWithGosDefaults() throws Exception {
    assertThat(TlsContexts.protocols(tls(null, null, ""))).containsExactly("TLSv1.2", "TLSv1.3");
    assertThat(TlsContexts.protocols(tls(TlsVersion.TLS10, null, "")))
        .containsExactly("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    assertThat(TlsContexts.protocols(tls(null, TlsVersion.TLS12, ""))).containsExactly("TLSv1.2");
    assertThat(TlsContexts.protocols(tls(TlsVersion.TLS13, TlsVersion.TLS12, ""))).isEmpty();
    assertThat(TlsContexts.of(HttpClientConfig.TlsConfig.DEFAULT)).isNull();
    SSLContext ctx =
        Objects.requireNonNull(TlsContexts.of(tls(TlsVersion.TLS13, null, "localhost")));
    assertThat(ctx.getDefaultSSLParameters().getProtocols()).containsExactly("TLSv1.3");
    SSLEngine e = ctx.createSSLEngine("127.0.0.1", 443);
    assertThat(e.getEnabledProtocols()).containsExactly("TLSv1.3");
    // a caller asking for more gets only what min_version allows
    SSLParameters asked = new SSLParameters();
    asked.setProtocols(new String[] {"TLSv1.2", "TLSv1.3"});
    e.setSSLParameters(asked);
    assertThat(e.getEnabledProtocols()).containsExactly("TLSv1.3");
    e.setEnabledProtocols(new String[] {"TLSv1.2"});
    assertThat(e.getEnabledProtocols()).isEmpty();
  }

  /** All messages of {@code e} and its causes, joined. */
  private static String messages(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t).append('\n');
    }
    return b.toString();
  }

  private int get(int port, HttpClientConfig.TlsConfig tls) throws Exception {
    SSLContext ctx = Objects.requireNonNull(TlsContexts.of(tls), "a context for versions");
    try (HttpClient c = HttpClient.newBuilder().sslContext(ctx).build()) {
      URI uri = URI.create("https://127.0.0.1:" + port + "/");
      return c.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  /** An HTTPS server on 127.0.0.1 enabling only {@code protocol}; returns its port. */
  private int serve(String protocol) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "server",
        PemKeys.read(TLS.resolve("server.key")),
        new char[0],
        new Certificate[] {cert("server.pem")});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    HttpsServer s =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setHttpsConfigurator(
        new HttpsConfigurator(ctx) {
          @Override
          public void configure(HttpsParameters p) {
            SSLParameters params = ctx.getDefaultSSLParameters();
            params.setProtocols(new String[] {protocol});
            p.setSSLParameters(params);
          }
        });
    s.createContext(
        "/",
        x -> {
          if (((HttpsExchange) x).getSSLSession() instanceof ExtendedSSLSession e) {
            negotiated.set(e.getProtocol());
            for (SNIServerName n : e.getRequestedServerNames()) {
              if (n instanceof SNIHostName h) {
                sni.set(h.getAsciiName());
              }
            }
          }
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    s.start();
    servers.add(s);
    return s.getAddress().getPort();
  }

  private static Certificate cert(String name) throws Exception {
    try (InputStream in = Files.newInputStream(TLS.resolve(name))) {
      return CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
