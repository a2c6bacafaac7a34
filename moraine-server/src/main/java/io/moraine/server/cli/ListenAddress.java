package io.moraine.server.cli;

import java.net.InetSocketAddress;

/**
 * A listen address as Prometheus' {@code --web.listen-address} takes it: {@code host:port}, {@code
 * :port} (every interface) or {@code [v6-address]:port}. Port 0 asks for a free port.
 *
 * @param host a host name or address literal (IPv6 without brackets); empty for every interface
 * @param port 0 to 65535
 */
record ListenAddress(String host, int port) {
  static final ListenAddress DEFAULT = new ListenAddress("127.0.0.1", 9700);

  /**
   * Parses an address.
   *
   * @throws IllegalArgumentException naming the input when it is not {@code host:port}
   */
  static ListenAddress parse(String s) {
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      throw invalid(s, "missing port");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[")) {
      if (!host.endsWith("]") || host.length() < 3) {
        throw invalid(s, "unclosed [ in IPv6 address");
      }
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw invalid(s, "an IPv6 address must be in brackets, e.g. [::1]:9700");
    }
    return new ListenAddress(host, port(s, s.substring(colon + 1)));
  }

  private static int port(String s, String p) {
    if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(Character::isDigit)) {
      throw invalid(s, "port must be a number from 0 to 65535");
    }
    int port = Integer.parseInt(p);
    if (port > 65535) {
      throw invalid(s, "port must be a number from 0 to 65535");
    }
    return port;
  }

  private static IllegalArgumentException invalid(String s, String why) {
    return new IllegalArgumentException("invalid listen address \"" + s + "\": " + why);
  }

  /**
   * The socket address to bind, resolving a host name.
   *
   * @throws IllegalArgumentException when the host name does not resolve
   */
  InetSocketAddress toSocketAddress() {
    if (host.isEmpty()) {
      return new InetSocketAddress(port);
    }
    InetSocketAddress a = new InetSocketAddress(host, port);
    if (a.isUnresolved()) {
      throw new IllegalArgumentException("invalid listen address: cannot resolve host " + host);
    }
    return a;
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
