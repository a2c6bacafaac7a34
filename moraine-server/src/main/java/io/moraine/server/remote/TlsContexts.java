package io.moraine.server.remote;

import io.moraine.server.config.HttpClientConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link SSLContext} for a {@code tls_config}: the system's CAs, or those of {@code
 * ca_file}, or none checked with {@code insecure_skip_verify}. Client certificates and {@code
 * server_name} are not supported yet.
 */
public final class TlsContexts {
  private TlsContexts() {}

  /** The context, or null for the JDK's default. */
  public static @Nullable SSLContext of(HttpClientConfig.TlsConfig tls) throws IOException {
    try {
      if (tls.insecureSkipVerify()) {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new TrustingAll()}, null);
        return ctx;
      }
      Path ca = tls.caFile();
      if (ca == null) {
        return null;
      }
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      try (InputStream in = Files.newInputStream(ca)) {
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          ks.setCertificateEntry("ca-" + i++, c);
        }
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("bad tls_config: " + e.getMessage(), e);
    }
  }

  /** {@code insecure_skip_verify}: every server certificate is accepted. */
  private static final class TrustingAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
