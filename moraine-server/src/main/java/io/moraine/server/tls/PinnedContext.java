package io.moraine.server.tls;

import java.nio.ByteBuffer;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * An {@link SSLContext} whose engines keep the {@code tls_config} settings the JDK's HTTP client
 * would otherwise overwrite: {@code server_name} sent as SNI whatever host the client connects to,
 * as Go's {@code tls.Config.ServerName} does, and the protocols {@code min_version} and {@code
 * max_version} allow. The JDK's HTTP client sets the SNI of each engine to the URL's host (unless
 * it is an IP literal) and its protocols to the context's defaults through {@link
 * SSLEngine#setSSLParameters}; the engines here put {@code server_name} back and keep only the
 * allowed protocols, and the context's default parameters carry the allowed protocols. Only engines
 * are pinned: sockets from {@link #getSocketFactory} are the wrapped context's. Thread-safe as the
 * wrapped context is.
 */
final class PinnedContext extends SSLContext {
  private PinnedContext(SSLContext delegate, Pins pins) {
    super(new Spi(delegate, pins), delegate.getProvider(), delegate.getProtocol());
  }

  /**
   * {@code ctx} itself when there is nothing to pin, else a context pinning them.
   *
   * @param serverName the SNI to send; none is pinned when it is empty or an IP literal (Go sends
   *     no SNI for an IP)
   * @param protocols the JSSE protocol names engines may enable, or null for the JDK's defaults
   */
  static SSLContext pinning(SSLContext ctx, String serverName, @Nullable List<String> protocols) {
    boolean sni = !serverName.isEmpty() && !TlsContexts.isIpLiteral(serverName);
    if (!sni && protocols == null) {
      return ctx;
    }
    List<SNIServerName> names = sni ? List.of(new SNIHostName(serverName)) : null;
    return new PinnedContext(
        ctx, new Pins(names, protocols == null ? null : List.copyOf(protocols)));
  }

  /** What every engine keeps; a null part leaves that setting to the caller. */
  private record Pins(@Nullable List<SNIServerName> serverNames, @Nullable List<String> protocols) {
    /** {@code params} with the server names and the protocols allowed among those it asks for. */
    SSLParameters apply(SSLParameters params, boolean creating) {
      if (serverNames != null) {
        params.setServerNames(serverNames);
      }
      if (protocols != null) {
        String[] asked = params.getProtocols();
        params.setProtocols(
            creating || asked == null ? protocols.toArray(new String[0]) : allowed(asked));
      }
      return params;
    }

    /** The asked protocols that are allowed, in the asked order. */
    String[] allowed(String[] asked) {
      List<String> p = Objects.requireNonNull(protocols, "protocols");
      return Arrays.stream(asked).filter(p::contains).toArray(String[]::new);
    }
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext delegate;
    private final Pins pins;

    Spi(SSLContext delegate, Pins pins) {
      this.delegate = delegate;
      this.pins = pins;
    }

    @Override
    protected void engineInit(
        KeyManager @Nullable [] km, TrustManager @Nullable [] tm, @Nullable SecureRandom sr)
        throws KeyManagementException {
      throw new KeyManagementException("BUG: already initialised");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return delegate.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return delegate.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return new PinnedEngine(delegate.createSSLEngine(), pins);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(@Nullable String host, int port) {
      return new PinnedEngine(delegate.createSSLEngine(host, port), pins);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return delegate.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return delegate.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      SSLParameters p = delegate.getDefaultSSLParameters();
      List<String> protocols = pins.protocols();
      if (protocols != null) {
        p.setProtocols(protocols.toArray(new String[0]));
      }
      return p;
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return delegate.getSupportedSSLParameters();
    }
  }

  /** Delegates everything, applying the pins to any parameters or protocols set. */
  private static final class PinnedEngine extends SSLEngine {
    private final SSLEngine d;
    private final Pins pins;

    PinnedEngine(SSLEngine d, Pins pins) {
      super(d.getPeerHost(), d.getPeerPort());
      this.d = d;
      this.pins = pins;
      d.setSSLParameters(pins.apply(d.getSSLParameters(), true));
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
      d.setSSLParameters(pins.apply(params, false));
    }

    @Override
    public SSLParameters getSSLParameters() {
      return d.getSSLParameters();
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst)
        throws SSLException {
      return d.wrap(srcs, offset, length, dst);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length)
        throws SSLException {
      return d.unwrap(src, dsts, offset, length);
    }

    @Override
    public @Nullable Runnable getDelegatedTask() {
      return d.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
      d.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
      return d.isInboundDone();
    }

    @Override
    public void closeOutbound() {
      d.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
      return d.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return d.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
      return d.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
      d.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
      return d.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
      return d.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
      d.setEnabledProtocols(pins.protocols() == null ? protocols : pins.allowed(protocols));
    }

    @Override
    public SSLSession getSession() {
      return d.getSession();
    }

    @Override
    public @Nullable SSLSession getHandshakeSession() {
      return d.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
      d.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
      return d.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
      d.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
      return d.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
      d.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
      return d.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
      d.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
      return d.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
      d.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
      return d.getEnableSessionCreation();
    }

    @Override
    public @Nullable String getApplicationProtocol() {
      return d.getApplicationProtocol();
    }

    @Override
    public @Nullable String getHandshakeApplicationProtocol() {
      return d.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(
        @Nullable BiFunction<SSLEngine, List<String>, String> selector) {
      d.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public @Nullable BiFunction<SSLEngine, List<String>, String>
        getHandshakeApplicationProtocolSelector() {
      return d.getHandshakeApplicationProtocolSelector();
    }
  }
}
