package io.moraine.kube.discovery;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** Kubernetes objects the tests share. */
final class Fixtures {
  private Fixtures() {}

  /**
   * Pod {@code ns/name} at {@code ip}: container {@code app} (ports http 8080/TCP, metrics
   * 9090/TCP), container {@code sidecar} without ports, init container {@code init}.
   */
  static Pod pod(String ns, String name, String ip) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .withUid("uid-" + name)
        .addToLabels("app", "web")
        .addToLabels("app.kubernetes.io/name", "web")
        .addToAnnotations("prometheus.io/scrape", "true")
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("StatefulSet")
        .withName("web")
        .withUid("ss-uid")
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withNodeName("node-1")
        .addToContainers(
            new ContainerBuilder()
                .withName("app")
                .withImage("app:1")
                .withPorts(
                    new ContainerPortBuilder()
                        .withName("http")
                        .withContainerPort(8080)
                        .withProtocol("TCP")
                        .build(),
                    new ContainerPortBuilder()
                        .withName("metrics")
                        .withContainerPort(9090)
                        .withProtocol("TCP")
                        .build())
                .build())
        .addToContainers(new ContainerBuilder().withName("sidecar").withImage("side:2").build())
        .addToInitContainers(new ContainerBuilder().withName("init").withImage("init:1").build())
        .endSpec()
        .withNewStatus()
        .withPodIP(ip)
        .withHostIP("192.168.1.10")
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .addNewContainerStatus()
        .withName("app")
        .withContainerID("containerd://abc")
        .endContainerStatus()
        .endStatus()
        .build();
  }

  /** ClusterIP service {@code ns/name} with port web 80/TCP and label {@code team=a}. */
  static Service service(String ns, String name) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .addToLabels("team", "a")
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withClusterIP("10.96.0.10")
        .addNewPort()
        .withName("web")
        .withPort(80)
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }
}
