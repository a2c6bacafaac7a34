package io.moraine.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.moraine.server.config.HttpClientConfig;
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
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code tls_config} against a real TLS server that requires a client certificate and presents a
 * certificate for {@code am.internal} only: the CA, the client certificate and key, and {@code
 * server_name} are all needed, and the absence of each fails the handshake.
 */
class TlsContextsTest {
  private static final Path DIR = Path.of("src/test/resources/tls");
  private HttpsServer server;
  private final AtomicReference<String> clientName = new AtomicReference<>("");

  @BeforeEach
  void start() throws Exception {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    SSLContext ctx = SSLContext.getInstance("TLS");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "server",
        PemKeys.read(DIR.resolve("server.key")),
        new char[0],
        new Certificate[] {cert("server.pem")});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", cert("ca.pem"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    server.setHttpsConfigurator(
        new HttpsConfigurator(ctx) {
          @Override
          public void configure(HttpsParameters p) {
            var params = ctx.getDefaultSSLParameters();
            params.setNeedClientAuth(true);
            p.setSSLParameters(params);
          }
        });
    server.createContext(
        "/",
        ex -> {
          var peer = ((HttpsExchange) ex).getSSLSession().getPeerCertificates()[0];
          clientName.set(((X509Certificate) peer).getSubjectX500Principal().getName());
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static X509Certificate cert(String name) throws Exception {
    try (InputStream in = Files.newInputStream(DIR.resolve(name))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static HttpClientConfig.TlsConfig tls(
      @Nullable String ca, @Nullable String cert, @Nullable String key, String serverName) {
    return new HttpClientConfig.TlsConfig(
        ca == null ? null : DIR.resolve(ca),
        cert == null ? null : DIR.resolve(cert),
        key == null ? null : DIR.resolve(key),
        serverName,
        false);
  }

  private int get(HttpClientConfig.TlsConfig tls) throws Exception {
    SSLContext ctx = TlsContexts.of(tls);
    HttpClient.Builder b = HttpClient.newBuilder();
    if (ctx != null) {
      b.sslContext(ctx);
    }
    try (HttpClient c = b.build()) {
      URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
      return c.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  @Test
  void clientCertificateAndServerNameReachTheServer() throws Exception {
    assertThat(get(tls("ca.pem", "client.pem", "client-pkcs8.key", "am.internal"))).isEqualTo(200);
    assertThat(clientName.get()).isEqualTo("CN=moraine-client");
    assertThat(get(tls("ca.pem", "client.pem", "client-pkcs1.key", "AM.internal"))).isEqualTo(200);
  }

  @Test
  void eachMissingPartFailsTheHandshake() {
    // no client certificate: the server refuses
    assertThatThrownBy(() -> get(tls("ca.pem", null, null, "am.internal")))
        .isInstanceOf(IOException.class);
    // the certificate is for am.internal, not for the URL's 127.0.0.1
    assertThatThrownBy(() -> get(tls("ca.pem", "client.pem", "client-pkcs8.key", "")))
        .isInstanceOf(IOException.class);
    // a server_name the certificate does not carry
    assertThatThrownBy(() -> get(tls("ca.pem", "client.pem", "client-pkcs8.key", "other.internal")))
        .isInstanceOf(IOException.class);
    // the system CAs do not know the test CA
    assertThatThrownBy(() -> get(tls(null, "client.pem", "client-pkcs8.key", "am.internal")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aCertificateWithoutItsKeyIsAConfigError() {
    assertThatThrownBy(() -> TlsContexts.of(tls("ca.pem", "client.pem", null, "")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cert_file and key_file must both be configured");
  }

  @Test
  void pemKeysOfEveryKindLoad() throws Exception {
    assertThat(PemKeys.read(DIR.resolve("client-pkcs8.key")).getAlgorithm()).isEqualTo("RSA");
    assertThat(PemKeys.read(DIR.resolve("client-pkcs1.key")))
        .isEqualTo(PemKeys.read(DIR.resolve("client-pkcs8.key")));
    assertThat(PemKeys.read(DIR.resolve("ec-sec1.key")).getAlgorithm()).isEqualTo("EC");
    var sec1 = (java.security.interfaces.ECPrivateKey) PemKeys.read(DIR.resolve("ec-sec1.key"));
    var pkcs8 = (java.security.interfaces.ECPrivateKey) PemKeys.read(DIR.resolve("ec-pkcs8.key"));
    assertThat(sec1.getS()).isEqualTo(pkcs8.getS());
    assertThat(sec1.getParams().getCurve()).isEqualTo(pkcs8.getParams().getCurve());
    assertThatThrownBy(() -> PemKeys.read(DIR.resolve("ca.pem")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no PEM private key found");
  }
}
