package io.moraine.agent.cgroup;

import java.util.Objects;

/**
 * A container as the agent labels it (cAdvisor's labels). For a container outside Kubernetes,
 * {@code namespace}, {@code pod}, {@code container} and {@code image} are empty and {@code id} (the
 * cgroup path, e.g. {@code /system.slice/docker-<id>.scope}) identifies it.
 *
 * @param id the cgroup path relative to the hierarchy root, starting with {@code /}
 * @param namespace the pod's namespace, or empty
 * @param pod the pod's name, or empty
 * @param container the container's name in the pod spec, or empty
 * @param image the container's image, or empty
 */
public record ContainerRef(
    String id, String namespace, String pod, String container, String image) {
  public ContainerRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(image, "image");
  }
}
