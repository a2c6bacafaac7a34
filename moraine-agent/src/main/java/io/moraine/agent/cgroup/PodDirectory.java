package io.moraine.agent.cgroup;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Kubernetes' view of the pods on this node, for labelling cgroups: a pod by its UID (from the pod
 * cgroup's name) and a container by its runtime ID (from the container cgroup's name).
 * Implementations are thread-safe and answer from memory (they may refresh themselves, rate
 * limited, when asked for an unknown pod).
 */
public interface PodDirectory {
  /** A directory that knows no pods: every container is labelled by its cgroup path only. */
  PodDirectory EMPTY =
      new PodDirectory() {
        @Override
        public @Nullable Pod pod(String uid) {
          return null;
        }

        @Override
        public @Nullable Container container(String runtimeId) {
          return null;
        }
      };

  /**
   * The pod with this UID (with dashes, as in {@code metadata.uid}), or null when unknown.
   * Implementations may refresh their list (rate limited) before answering null.
   */
  @Nullable Pod pod(String uid);

  /**
   * The container (of any pod, init containers included) with this runtime ID (the hex ID without
   * the {@code containerd://} scheme), or null when unknown, e.g. for a pod's sandbox.
   */
  @Nullable Container container(String runtimeId);

  /**
   * A pod.
   *
   * @param uid its UID
   * @param namespace its namespace
   * @param name its name
   */
  record Pod(String uid, String namespace, String name) {
    public Pod {
      Objects.requireNonNull(uid, "uid");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A container of a pod.
   *
   * @param pod its pod
   * @param name its name in the pod spec
   * @param image its image (the runtime's resolved reference from the status, else the spec's)
   */
  record Container(Pod pod, String name, String image) {
    public Container {
      Objects.requireNonNull(pod, "pod");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(image, "image");
    }
  }
}
