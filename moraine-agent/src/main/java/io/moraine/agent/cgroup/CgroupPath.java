package io.moraine.agent.cgroup;

import org.jspecify.annotations.Nullable;

/**
 * What a cgroup path (relative to the hierarchy root, starting with {@code /}) stands for: the
 * root, a kubelet QoS or pod cgroup, a container of a pod, a container outside Kubernetes, or
 * something else. Recognises the kubelet's cgroupfs and systemd drivers by prefix and suffix checks
 * only (no regular expressions: this runs for every cgroup on every scrape).
 *
 * @param kind what the path is
 * @param podUid the pod's UID with dashes (for {@link Kind#POD} and {@link Kind#CONTAINER}), or
 *     empty
 * @param runtimeId the container runtime's ID (for {@link Kind#CONTAINER} and {@link
 *     Kind#STANDALONE}), or empty
 */
record CgroupPath(Kind kind, String podUid, String runtimeId) {
  /** The kinds of cgroup this module reports on. */
  enum Kind {
    ROOT,
    /** {@code /kubepods}, a QoS class under it: reported with empty labels but its path. */
    KUBE,
    POD,
    CONTAINER,
    /** A docker or podman container outside Kubernetes. */
    STANDALONE,
    OTHER
  }

  static final CgroupPath ROOT_PATH = new CgroupPath(Kind.ROOT, "", "");
  static final CgroupPath OTHER_PATH = new CgroupPath(Kind.OTHER, "", "");
  private static final CgroupPath KUBE_PATH = new CgroupPath(Kind.KUBE, "", "");

  /** The runtimes' scope prefixes under a pod slice (systemd driver). */
  private static final String[] SCOPE_PREFIXES = {"cri-containerd-", "crio-", "docker-"};

  /** Whether this is a container (of a pod, sandboxes included, or standalone): a leaf cgroup. */
  boolean isContainer() {
    return kind == Kind.CONTAINER || kind == Kind.STANDALONE;
  }

  /** Classifies {@code path} ("/" is the root). */
  static CgroupPath classify(String path) {
    if (path.equals("/") || path.isEmpty()) {
      return ROOT_PATH;
    }
    String[] segs = path.substring(1).split("/", -1);
    int kube = -1;
    for (int i = 0; i < segs.length; i++) {
      String s = segs[i];
      if (s.equals("kubepods") || s.equals("kubepods.slice") || s.endsWith("-kubepods.slice")) {
        kube = i;
        break;
      }
    }
    if (kube >= 0) {
      return kubelet(segs, kube + 1);
    }
    return standalone(segs);
  }

  private static CgroupPath kubelet(String[] segs, int start) {
    int i = start;
    if (i < segs.length && isQos(segs[i])) {
      i++;
    }
    if (i == segs.length) {
      return KUBE_PATH;
    }
    String uid = podUid(segs[i]);
    if (uid == null) {
      return OTHER_PATH;
    }
    i++;
    if (i == segs.length) {
      return new CgroupPath(Kind.POD, uid, "");
    }
    if (i != segs.length - 1) {
      return OTHER_PATH;
    }
    String id = containerId(segs[i]);
    return id == null ? OTHER_PATH : new CgroupPath(Kind.CONTAINER, uid, id);
  }

  private static boolean isQos(String s) {
    return s.equals("besteffort")
        || s.equals("burstable")
        || s.equals("kubepods-besteffort.slice")
        || s.equals("kubepods-burstable.slice");
  }

  /** {@code pod<uid>} (cgroupfs) or {@code kubepods[-qos]-pod<uid_>.slice} (systemd). */
  private static @Nullable String podUid(String s) {
    if (s.startsWith("pod")) {
      return s.length() > 3 ? s.substring(3) : null;
    }
    if (s.endsWith(".slice") && s.contains("kubepods")) {
      int at = s.lastIndexOf("-pod");
      if (at < 0 || at + 4 >= s.length() - 6) {
        return null;
      }
      return s.substring(at + 4, s.length() - 6).replace('_', '-');
    }
    return null;
  }

  /** {@code <cid>} (cgroupfs) or {@code <runtime>-<cid>.scope} (systemd). */
  private static @Nullable String containerId(String s) {
    if (s.endsWith(".scope")) {
      for (String p : SCOPE_PREFIXES) {
        if (s.startsWith(p) && s.length() > p.length() + 6) {
          String id = s.substring(p.length(), s.length() - 6);
          return id.startsWith("conmon-") ? null : id;
        }
      }
      return null;
    }
    return isHexId(s) ? s : null;
  }

  private static CgroupPath standalone(String[] segs) {
    if (segs.length == 2 && segs[0].equals("docker") && isHexId(segs[1])) {
      return new CgroupPath(Kind.STANDALONE, "", segs[1]);
    }
    if (segs.length == 2 && segs[1].endsWith(".scope")) {
      String s = segs[1];
      String prefix =
          segs[0].equals("system.slice") && s.startsWith("docker-")
              ? "docker-"
              : segs[0].equals("machine.slice") && s.startsWith("libpod-") ? "libpod-" : null;
      if (prefix != null) {
        String id = s.substring(prefix.length(), s.length() - 6);
        if (isHexId(id)) {
          return new CgroupPath(Kind.STANDALONE, "", id);
        }
      }
    }
    return OTHER_PATH;
  }

  /** A runtime ID: at least 12 lower-case hex digits. */
  static boolean isHexId(String s) {
    if (s.length() < 12) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
