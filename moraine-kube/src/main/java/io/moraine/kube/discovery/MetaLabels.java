package io.moraine.kube.discovery;

import io.moraine.core.labels.Labels;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Label names and helpers every role shares, as Prometheus 2.42's Kubernetes discovery. */
final class MetaLabels {
  static final String ADDRESS = "__address__";
  static final String INSTANCE = "instance";
  static final String PREFIX = "__meta_kubernetes_";
  static final String NAMESPACE = PREFIX + "namespace";
  static final String PRESENT = "true";

  private MetaLabels() {}

  /** Prometheus's {@code strutil.SanitizeLabelName}: each character outside [a-zA-Z0-9_] is _. */
  static String sanitize(String name) {
    StringBuilder sb = null;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int n = Character.charCount(cp);
      boolean ok =
          (cp >= 'a' && cp <= 'z')
              || (cp >= 'A' && cp <= 'Z')
              || (cp >= '0' && cp <= '9')
              || cp == '_';
      if (!ok && sb == null) {
        sb = new StringBuilder(name.length()).append(name, 0, i);
      }
      if (sb != null) {
        if (ok) {
          sb.appendCodePoint(cp);
        } else {
          sb.append('_');
        }
      }
      i += n;
    }
    return sb == null ? name : sb.toString();
  }

  /**
   * Adds {@code <prefix>_<name>=value} and {@code <prefix>present_<name>=true} for each entry, as
   * Prometheus does for labels and annotations ({@code pod_label_}/{@code pod_labelpresent_}).
   */
  static void addAll(
      Labels.Builder b, String valuePrefix, String presentPrefix, @Nullable Map<String, String> m) {
    if (m == null) {
      return;
    }
    for (Map.Entry<String, String> e : m.entrySet()) {
      String name = sanitize(e.getKey());
      b.add(valuePrefix + name, orEmpty(e.getValue()));
      b.add(presentPrefix + name, PRESENT);
    }
  }

  /** Go's {@code net.JoinHostPort}: brackets around a host with a colon (IPv6). */
  static String joinHostPort(String host, long port) {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  static <T> List<T> orEmpty(@Nullable List<T> l) {
    return l == null ? List.of() : l;
  }

  static String bool(boolean b) {
    return b ? "true" : "false";
  }
}
