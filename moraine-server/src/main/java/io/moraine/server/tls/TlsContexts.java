package io.moraine.server.tls;

import io.moraine.core.tls.TrustManagers;
import io.moraine.server.config.HttpClientConfig;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
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
 * of {@code cert_file} and {@code key_file} (PEM; see {@link PemKeys}), {@code server_name} as the
 * name the server's certificate must carry instead of the URL's host, and the protocols {@code
 * min_version} and {@code max_version} allow (see {@link #protocols}).
 */
public final class TlsContexts {
  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /**
   * The context, or null for the JDK's default (nothing set). Reads the files now; a context keeps
   * what it read, so changed files take effect with the next context built from them.
   *
   * @throws IOException with Prometheus's wording, naming the file, when a CA, certificate or key
   *     file cannot be read or used
   */
  public static @Nullable SSLContext of(HttpClientConfig.TlsConfig tls) throws IOException {
    boolean clientCert = tls.certFile() != null || tls.keyFile() != null;
    boolean versions = tls.minVersion() != null || tls.maxVersion() != null;
    if (!tls.insecureSkipVerify()
        && tls.caFile() == null
        && !clientCert
        && tls.serverName().isEmpty()
        && !versions) {
      return null;
    }
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(clientCert ? keyManagers(tls) : null, new TrustManager[] {trust(tls)}, null);
      return PinnedContext.pinning(ctx, tls.serverName(), versions ? protocols(tls) : null);
    } catch (GeneralSecurityException e) {
      throw new IOException("bad tls_config: " + e.getMessage(), e);
    }
  }

  /**
   * The JSSE names of the protocols from {@code min_version} (TLS 1.2 when unset, Go's client
   * default) to {@code max_version} (TLS 1.3 when unset); empty when max is below min, which fails
   * every handshake. The JDK still refuses what {@code jdk.tls.disabledAlgorithms} disables (TLS
   * 1.0 and 1.1 by default).
   */
  static List<String> protocols(HttpClientConfig.TlsConfig tls) {
    HttpClientConfig.TlsVersion min = tls.minVersion();
    HttpClientConfig.TlsVersion max = tls.maxVersion();
    List<String> out = new ArrayList<>();
    for (HttpClientConfig.TlsVersion v : HttpClientConfig.TlsVersion.values()) {
      if (v.compareTo(min == null ? HttpClientConfig.TlsVersion.TLS12 : min) >= 0
          && v.compareTo(max == null ? HttpClientConfig.TlsVersion.TLS13 : max) <= 0) {
        out.add(v.protocol());
      }
    }
    return out;
  }

  private static X509TrustManager trust(HttpClientConfig.TlsConfig tls)
      throws IOException, GeneralSecurityException {
    if (tls.insecureSkipVerify()) {
      return TrustManagers.trustingAll();
    }
    Path ca = tls.caFile();
    X509TrustManager base = TrustManagers.trusting(ca == null ? null : caCerts(ca));
    return tls.serverName().isEmpty() ? base : new NamedServer(base, tls.serverName());
  }

  private static List<Certificate> caCerts(Path ca) throws IOException {
    List<Certificate> certs;
    try {
      certs = TrustManagers.readPem(ca);
    } catch (IOException e) {
      throw new IOException("unable to load specified CA cert " + ca + ": " + reason(e), e);
    } catch (GeneralSecurityException e) {
      throw new IOException("unable to use specified CA cert " + ca + ": " + e.getMessage(), e);
    }
    if (certs.isEmpty()) {
      throw new IOException("unable to use specified CA cert " + ca);
    }
    return certs;
  }

  private static KeyManager[] keyManagers(HttpClientConfig.TlsConfig tls)
      throws IOException, GeneralSecurityException {
    Path cert = tls.certFile();
    Path key = tls.keyFile();
    if (cert == null || key == null) {
      throw new GeneralSecurityException("client cert_file and key_file must both be configured");
    }
    String pair = "specified client cert (" + cert + ") & key (" + key + "): ";
    List<Certificate> chain;
    PrivateKey pk;
    try {
      chain = TrustManagers.readPem(cert);
      pk = PemKeys.read(key);
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw new IOException("unable to read " + pair + reason(e), e);
    } catch (IOException | GeneralSecurityException e) {
      throw new IOException("unable to use " + pair + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IOException("unable to use " + pair + cert + ": no PEM certificate found");
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("client", pk, NO_PASSWORD, chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, NO_PASSWORD);
    return kmf.getKeyManagers();
  }

  /** Whether {@code host} is an IPv4 or IPv6 literal (not sent as SNI, checked as an IP SAN). */
  static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
  }

  /** The reason of a file error as Go words it (the JDK's message is only the path). */
  private static String reason(IOException e) {
    return switch (e) {
      case NoSuchFileException n -> "open " + n.getFile() + ": no such file or directory";
      case AccessDeniedException a -> "open " + a.getFile() + ": permission denied";
      default -> String.valueOf(e.getMessage());
    };
  }

  /**
   * {@code server_name}: the chain is checked as usual, and the leaf must name {@code name} in its
   * subject alternative names (DNS with a leftmost wildcard, or IP) instead of the URL's host.
   */
  private static final class NamedServer extends X509ExtendedTrustManager {
    /** GeneralName tags of {@link X509Certificate#getSubjectAlternativeNames}. */
    private static final Integer DNS_SAN = 2;

    private static final Integer IP_SAN = 7;

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
      List<String> valid = new ArrayList<>();
      boolean ip = isIpLiteral(name);
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2 && san.get(1) instanceof String v) {
            if (matches(san.get(0), v)) {
              return;
            }
            if (san.get(0).equals(ip ? IP_SAN : DNS_SAN)) {
              valid.add(v);
            }
          }
        }
      }
      throw new CertificateException(mismatch(sans == null, ip, valid));
    }

    /** Go's {@code x509.HostnameError} wording. */
    private String mismatch(boolean noSans, boolean ip, List<String> valid) {
      if (noSans) {
        return "x509: certificate relies on legacy Common Name field, use SANs instead";
      }
      if (valid.isEmpty()) {
        return ip
            ? "x509: cannot validate certificate for "
                + name
                + " because it doesn't contain any IP SANs"
            : "x509: certificate is not valid for any names, but wanted to match " + name;
      }
      return "x509: certificate is valid for " + String.join(", ", valid) + ", not " + name;
    }

    private boolean matches(Object type, String value) {
      String v = value.toLowerCase(Locale.ROOT);
      if (IP_SAN.equals(type)) {
        return v.equals(name);
      }
      if (!DNS_SAN.equals(type)) {
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
