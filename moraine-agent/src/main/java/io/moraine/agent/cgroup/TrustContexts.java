package io.moraine.agent.cgroup;

import io.moraine.core.tls.TrustManagers;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;

/** SSL contexts for the pod list client: a CA bundle in PEM, the JDK default, or trust-all. */
final class TrustContexts {
  private TrustContexts() {}

  static SSLContext create(@Nullable Path caFile, boolean insecure) throws IOException {
    try {
      TrustManager manager;
      if (insecure) {
        manager = TrustManagers.trustingAll();
      } else if (caFile != null) {
        List<Certificate> cas = TrustManagers.readPem(caFile);
        if (cas.isEmpty()) {
          throw new IOException("CA file " + caFile + " holds no PEM certificate");
        }
        manager = TrustManagers.trusting(cas);
      } else {
        return SSLContext.getDefault();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {manager}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("CA file " + caFile + ": " + e.getMessage(), e);
    }
  }
}
