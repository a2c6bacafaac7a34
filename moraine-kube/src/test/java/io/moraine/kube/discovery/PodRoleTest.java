package io.moraine.kube.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pod role against fabric8's CRUD mock API server. */
class PodRoleTest {
  /** A server per test: the mock blocks its event loop for a while after a watch closes. */
  private MockApi api;

  @BeforeEach
  void startServer() {
    api = new MockApi();
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  /** Prometheus's pod labels for {@link Fixtures#pod}. */
  static Labels.Builder podLabels(String name, String ip, String uid) {
    return Labels.builder()
        .add("__meta_kubernetes_pod_name", name)
        .add("__meta_kubernetes_pod_ip", ip)
        .add("__meta_kubernetes_pod_ready", "true")
        .add("__meta_kubernetes_pod_phase", "Running")
        .add("__meta_kubernetes_pod_node_name", "node-1")
        .add("__meta_kubernetes_pod_host_ip", "192.168.1.10")
        .add("__meta_kubernetes_pod_uid", uid)
        .add("__meta_kubernetes_pod_controller_kind", "StatefulSet")
        .add("__meta_kubernetes_pod_controller_name", "web")
        .add("__meta_kubernetes_pod_label_app", "web")
        .add("__meta_kubernetes_pod_labelpresent_app", "true")
        .add("__meta_kubernetes_pod_label_app_kubernetes_io_name", "web")
        .add("__meta_kubernetes_pod_labelpresent_app_kubernetes_io_name", "true")
        .add("__meta_kubernetes_pod_annotation_prometheus_io_scrape", "true")
        .add("__meta_kubernetes_pod_annotationpresent_prometheus_io_scrape", "true");
  }

  private static Labels container(String address, String name, String image, boolean init) {
    return Labels.builder()
        .add("__address__", address)
        .add("__meta_kubernetes_pod_container_name", name)
        .add("__meta_kubernetes_pod_container_image", image)
        .add("__meta_kubernetes_pod_container_init", Boolean.toString(init))
        .build();
  }

  private static Labels port(String address, String portName, int port) {
    return Labels.builder()
        .add("__address__", address)
        .add("__meta_kubernetes_pod_container_name", "app")
        .add("__meta_kubernetes_pod_container_id", "containerd://abc")
        .add("__meta_kubernetes_pod_container_image", "app:1")
        .add("__meta_kubernetes_pod_container_init", "false")
        .add("__meta_kubernetes_pod_container_port_name", portName)
        .add("__meta_kubernetes_pod_container_port_number", Integer.toString(port))
        .add("__meta_kubernetes_pod_container_port_protocol", "TCP")
        .build();
  }

  @Test
  void podTargetsPerPortAndPerContainerWithoutPortsThenUpdateAndDelete() throws Exception {
    Pod created =
        api.client
            .pods()
            .inNamespace("pods")
            .resource(Fixtures.pod("pods", "web-0", "10.0.0.5"))
            .create();
    String uid = created.getMetadata().getUid(); // the server assigns it
    long adds = counter("pod", "add");
    long deletes = counter("pod", "delete");
    Updates updates = new Updates();
    try (var d = api.start(Role.POD, List.of("pods"), Map.of(), updates)) {
      await().until(() -> updates.calls() >= 1);
      TargetGroup expected =
          new TargetGroup(
              "pod/pods/web-0",
              List.of(
                  port("10.0.0.5:8080", "http", 8080),
                  port("10.0.0.5:9090", "metrics", 9090),
                  container("10.0.0.5", "sidecar", "side:2", false),
                  container("10.0.0.5", "init", "init:1", true)),
              podLabels("web-0", "10.0.0.5", uid)
                  .add("__meta_kubernetes_namespace", "pods")
                  .build());
      assertThat(updates.call(0)).containsExactly(expected);

      Pod relabelled =
          new PodBuilder(Fixtures.pod("pods", "web-0", "10.0.0.5"))
              .editMetadata()
              .addToLabels("app", "api")
              .endMetadata()
              .build();
      api.client.pods().inNamespace("pods").resource(relabelled).update();
      await()
          .until(
              () ->
                  updates
                      .groupLabel("pod/pods/web-0", "__meta_kubernetes_pod_label_app")
                      .equals("api"));

      api.client.pods().inNamespace("pods").withName("web-0").delete();
      await().until(() -> updates.state().isEmpty());
      assertThat(updates.last()).containsExactly(TargetGroup.empty("pod/pods/web-0"));
      assertThat(counter("pod", "add") - adds).isEqualTo(1);
      assertThat(counter("pod", "delete") - deletes).isEqualTo(1);
    }
  }

  @Test
  void podWithoutIpHasNoTargetsAndIpv6IsBracketed() throws Exception {
    api.client.pods().inNamespace("v6").resource(Fixtures.pod("v6", "no-ip", "")).create();
    api.client.pods().inNamespace("v6").resource(Fixtures.pod("v6", "six", "fd00::5")).create();
    Updates updates = new Updates();
    try (var d = api.start(Role.POD, List.of("v6"), Map.of(), updates)) {
      await().until(() -> updates.calls() >= 1);
      assertThat(updates.state().keySet()).containsExactly("pod/v6/six");
      assertThat(updates.group("pod/v6/six").targets())
          .extracting(t -> t.get("__address__"))
          .containsExactly("[fd00::5]:8080", "[fd00::5]:9090", "fd00::5", "fd00::5");
    }
  }

  private long counter(String role, String event) {
    return api.metrics.event(role, event).get();
  }
}
