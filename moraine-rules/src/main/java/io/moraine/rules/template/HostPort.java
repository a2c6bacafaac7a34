package io.moraine.rules.template;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Go's {@code net.SplitHostPort}, {@code JoinHostPort} and {@code ParseIP} as far as templates
 * need.
 */
final class HostPort {
  private HostPort() {}

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  /** {@code [host, port]}, or null where Go's SplitHostPort fails. */
  static String @Nullable [] split(String hp) {
    int colon = hp.lastIndexOf(':');
    if (colon < 0) {
      return null;
    }
    String host;
    if (hp.startsWith("[")) {
      int end = hp.indexOf(']');
      if (end < 0 || end + 1 != colon) {
        return null;
      }
      host = hp.substring(1, end);
    } else {
      host = hp.substring(0, colon);
      if (host.indexOf(':') >= 0) {
        return null;
      }
    }
    if (host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
      return null;
    }
    String port = hp.substring(colon + 1);
    if (port.indexOf('[') >= 0 || port.indexOf(']') >= 0) {
      return null;
    }
    return new String[] {host, port};
  }

  static String stripPort(String hp) {
    String[] hostPort = split(hp);
    return hostPort == null ? hp : hostPort[0];
  }

  static String stripDomain(String hp) {
    String[] hostPort = split(hp);
    String host = hostPort == null ? hp : hostPort[0];
    String port = hostPort == null ? "" : hostPort[1];
    if (isIp(host)) {
      return hp;
    }
    int dot = host.indexOf('.');
    if (dot >= 0) {
      host = host.substring(0, dot);
    }
    if (!port.isEmpty()) {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
    return host;
  }

  private static boolean isIp(String host) {
    return IPV4.matcher(host).matches() || (IPV6.matcher(host).matches() && host.contains(":"));
  }
}
