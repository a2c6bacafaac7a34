package io.moraine.agent.logtail;

import org.jspecify.annotations.Nullable;

/**
 * A kubelet pod log file, {@code <namespace>_<pod>_<uid>/<container>/<restart>.log} relative to the
 * pod log root, and the stream labels of its entries.
 *
 * <p>Labels follow Promtail's {@code kubernetes-pods} pipeline as far as the path tells: {@code
 * namespace}, {@code pod}, {@code container}, {@code node} (Promtail: {@code node_name}), {@code
 * stream} (from its {@code cri} stage) and {@code job="<namespace>/<container>"} (Promtail uses the
 * pod's {@code app} label where there is one, which the path does not carry).
 */
record PodLogFile(String relPath, String namespace, String pod, String container) {

  /** The file for {@code relPath} ('/'-separated), or null when it is not a pod log file. */
  static @Nullable PodLogFile parse(String relPath) {
    String[] parts = relPath.split("/", -1);
    if (parts.length != 3 || !isLogName(parts[2]) || parts[1].isEmpty()) {
      return null;
    }
    String[] podDir = parts[0].split("_", -1);
    if (podDir.length != 3 || podDir[0].isEmpty() || podDir[1].isEmpty()) {
      return null;
    }
    return new PodLogFile(relPath, podDir[0], podDir[1], parts[1]);
  }

  /** {@code <digits>.log}: the live file; rotated ones have a date or {@code .gz} after it. */
  static boolean isLogName(String name) {
    if (!name.endsWith(".log") || name.length() == 4) {
      return false;
    }
    for (int i = 0; i < name.length() - 4; i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The Loki label strings of the file's streams, indexed by {@link LineDecoder#STDOUT}, {@link
   * LineDecoder#STDERR} and {@link LineDecoder#UNKNOWN} (no {@code stream} label).
   */
  String[] labelStrings(String node) {
    String base =
        "{container="
            + quote(container)
            + ", job="
            + quote(namespace + "/" + container)
            + ", namespace="
            + quote(namespace)
            + ", node="
            + quote(node)
            + ", pod="
            + quote(pod);
    return new String[] {base + ", stream=\"stdout\"}", base + ", stream=\"stderr\"}", base + "}"};
  }

  private static String quote(String v) {
    StringBuilder b = new StringBuilder(v.length() + 2).append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
