package io.moraine.core.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Trust for TLS clients: the certificates of a PEM file, a trust manager for chosen CAs (or the
 * JDK's), and one that checks nothing. Stateless; thread-safe.
 */
public final class TrustManagers {
  private TrustManagers() {}

  /**
   * The X.509 certificates in a PEM file, in file order (empty when it holds none).
   *
   * @throws IOException when the file cannot be read
   * @throws GeneralSecurityException when a certificate cannot be parsed
   */
  public static List<Certificate> readPem(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
  }

  /**
   * A trust manager checking chains against {@code cas}, or against the JDK's default trust store
   * when {@code cas} is null.
   */
  public static X509TrustManager trusting(@Nullable Collection<? extends Certificate> cas)
      throws IOException, GeneralSecurityException {
    KeyStore store = null;
    if (cas != null) {
      store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : cas) {
        store.setCertificateEntry("ca-" + i++, c);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager t : tmf.getTrustManagers()) {
      if (t instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  /**
   * A trust manager accepting every chain whatever name it carries (an extended manager, so the JDK
   * adds no host name check of its own). For {@code insecure_skip_verify} and the like only.
   */
  public static X509ExtendedTrustManager trustingAll() {
    return TrustingAll.INSTANCE;
  }

  private static final class TrustingAll extends X509ExtendedTrustManager {
    static final TrustingAll INSTANCE = new TrustingAll();

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
