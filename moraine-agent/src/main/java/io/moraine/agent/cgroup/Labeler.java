package io.moraine.agent.cgroup;

/**
 * Labels a cgroup as the kubelet's cAdvisor does: pod cgroups get their pod's namespace and name
 * with empty container, image and name; a container gets its pod, its spec name and image, and its
 * runtime ID as {@code name}; a pod's sandbox (a container cgroup whose ID is no container of the
 * pod) gets {@code container=""} as cAdvisor with containerd or CRI-O does (only dockershim wrote
 * {@code POD}); everything else keeps only its path as {@code id}. Stateless.
 */
final class Labeler {
  /**
   * A labelled cgroup.
   *
   * @param ref the labels other collectors use
   * @param name cAdvisor's {@code name} label: the runtime ID of a container, else empty
   * @param sandbox whether it is a pod's sandbox (which carries the pod's network figures)
   */
  record Labelled(ContainerRef ref, String name, boolean sandbox) {}

  private Labeler() {}

  static Labelled label(String path, CgroupPath kind, PodDirectory pods) {
    return switch (kind.kind()) {
      case POD -> {
        PodDirectory.Pod pod = pods.pod(kind.podUid());
        yield pod == null
            ? bare(path, "")
            : new Labelled(new ContainerRef(path, pod.namespace(), pod.name(), "", ""), "", false);
      }
      case CONTAINER -> container(path, kind, pods);
      case STANDALONE -> bare(path, kind.runtimeId());
      case ROOT, KUBE, OTHER -> bare(path, "");
    };
  }

  private static Labelled container(String path, CgroupPath kind, PodDirectory pods) {
    PodDirectory.Container c = pods.container(kind.runtimeId());
    if (c != null) {
      PodDirectory.Pod pod = c.pod();
      return new Labelled(
          new ContainerRef(path, pod.namespace(), pod.name(), c.name(), c.image()),
          kind.runtimeId(),
          false);
    }
    PodDirectory.Pod pod = pods.pod(kind.podUid());
    if (pod == null) {
      return bare(path, kind.runtimeId());
    }
    return new Labelled(
        new ContainerRef(path, pod.namespace(), pod.name(), "", ""), kind.runtimeId(), true);
  }

  private static Labelled bare(String path, String name) {
    return new Labelled(new ContainerRef(path, "", "", "", ""), name, false);
  }
}
