package io.moraine.server.tls;

import java.nio.ByteBuffer;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.List;
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
 * An {@link SSLContext} whose engines send {@code server_name} as SNI whatever host the client
 * connects to, as Go's {@code tls.Config.ServerName} does. The JDK's HTTP client sets the SNI of
 * each engine to the URL's host (unless it is an IP literal) through {@link
 * SSLEngine#setSSLParameters}; the engines here put {@code server_name} back there. Thread-safe as
 * the wrapped context is.
 */
final class ServerNameContext extends SSLContext {
  private ServerNameContext(SSLContext delegate, List<SNIServerName> names) {
    super(new Spi(delegate, names), delegate.getProvider(), delegate.getProtocol());
  }

  /**
   * {@code ctx} itself when {@code serverName} is empty or an IP literal (Go sends no SNI for an
   * IP), else a context sending it.
   */
  static SSLContext sending(SSLContext ctx, String serverName) {
    if (serverName.isEmpty() || TlsContexts.isIpLiteral(serverName)) {
      return ctx;
    }
    return new ServerNameContext(ctx, List.of(new SNIHostName(serverName)));
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext delegate;
    private final List<SNIServerName> names;

    Spi(SSLContext delegate, List<SNIServerName> names) {
      this.delegate = delegate;
      this.names = names;
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
      return new NamedEngine(delegate.createSSLEngine(), names);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(@Nullable String host, int port) {
      return new NamedEngine(delegate.createSSLEngine(host, port), names);
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
      return delegate.getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return delegate.getSupportedSSLParameters();
    }
  }

  /** Delegates everything, replacing the server names of any parameters set. */
  private static final class NamedEngine extends SSLEngine {
    private final SSLEngine d;
    private final List<SNIServerName> names;

    NamedEngine(SSLEngine d, List<SNIServerName> names) {
      super(d.getPeerHost(), d.getPeerPort());
      this.d = d;
      this.names = names;
      setSSLParameters(d.getSSLParameters());
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
      params.setServerNames(names);
      d.setSSLParameters(params);
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
      d.setEnabledProtocols(protocols);
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
