package io.moraine.server.remote;

import io.moraine.core.tls.TrustManagers;
import io.moraine.server.config.HttpClientConfig;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link SSLContext} for a {@code tls_config} as Prometheus uses it: the system's CAs or
 * those of {@code ca_file} (none checked with {@code insecure_skip_verify}), the client certificate
 * of {@code cert_file} and {@code key_file} (PEM; see {@link PemKeys}), and {@code server_name} as
 * the name the server's certificate must carry instead of the URL's host.
 */
public final class TlsContexts {
  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /** The context, or null for the JDK's default (nothing set). */
  public static @Nullable SSLContext of(HttpClientConfig.TlsConfig tls) throws IOException {
    boolean clientCert = tls.certFile() != null || tls.keyFile() != null;
    if (!tls.insecureSkipVerify()
        && tls.caFile() == null
        && !clientCert
        && tls.serverName().isEmpty()) {
      return null;
    }
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(clientCert ? keyManagers(tls) : null, new TrustManager[] {trust(tls)}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("bad tls_config: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager trust(HttpClientConfig.TlsConfig tls)
      throws IOException, GeneralSecurityException {
    if (tls.insecureSkipVerify()) {
      return TrustManagers.trustingAll();
    }
    Path ca = tls.caFile();
    X509TrustManager base = TrustManagers.trusting(ca == null ? null : TrustManagers.readPem(ca));
    return tls.serverName().isEmpty() ? base : new NamedServer(base, tls.serverName());
  }

  private static KeyManager[] keyManagers(HttpClientConfig.TlsConfig tls)
      throws IOException, GeneralSecurityException {
    Path cert = tls.certFile();
    Path key = tls.keyFile();
    if (cert == null || key == null) {
      throw new GeneralSecurityException("client cert_file and key_file must both be configured");
    }
    List<Certificate> chain = TrustManagers.readPem(cert);
    if (chain.isEmpty()) {
      throw new IOException(cert + ": no PEM certificate found");
    }
    PrivateKey pk = PemKeys.read(key);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("client", pk, NO_PASSWORD, chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, NO_PASSWORD);
    return kmf.getKeyManagers();
  }

  /**
   * {@code server_name}: the chain is checked as usual, and the leaf must name {@code name} in its
   * subject alternative names (DNS with a leftmost wildcard, or IP) instead of the URL's host.
   */
  private static final class NamedServer extends X509ExtendedTrustManager {
    private final X509TrustManager base;
    private final String name;

    NamedServer(X509TrustManager base, String name) {
      this.base = base;
      this.name = name.toLowerCase(Locale.ROOT);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      base.checkServerTrusted(chain, authType);
      checkName(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    private void checkName(X509Certificate leaf) throws CertificateException {
      Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2 && san.get(1) instanceof String v && matches(san.get(0), v)) {
            return;
          }
        }
      }
      throw new CertificateException(
          "x509: certificate is not valid for server_name \"" + name + "\"");
    }

    private boolean matches(Object type, String value) {
      String v = value.toLowerCase(Locale.ROOT);
      if (Integer.valueOf(7).equals(type)) {
        return v.equals(name);
      }
      if (!Integer.valueOf(2).equals(type)) {
        return false;
      }
      if (v.startsWith("*.")) {
        int dot = name.indexOf('.');
        return dot > 0 && name.substring(dot).equals(v.substring(1));
      }
      return v.equals(name);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      base.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      base.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      base.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return base.getAcceptedIssuers();
    }
  }
}
