package io.moraine.kube.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.moraine.core.labels.Labels;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code attach_metadata: {node: true}} for the pod, endpoints and endpointslice roles. */
class AttachNodeMetadataTest {
  private static final String POD = "pod/pods/web-0";

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

  /** Node {@code node-1} in {@code zone}, with an annotation (never attached). */
  private static Node node(String zone) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName("node-1")
        .addToLabels("topology.kubernetes.io/zone", zone)
        .addToLabels("kubernetes.io/hostname", "node-1")
        .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
        .endMetadata()
        .build();
  }

  private String createPod(String ns) {
    Pod p =
        api.client.pods().inNamespace(ns).resource(Fixtures.pod(ns, "web-0", "10.0.0.5")).create();
    return p.getMetadata().getUid();
  }

  private static Labels.Builder nodeLabels(Labels.Builder b, String zone) {
    return b.add("__meta_kubernetes_node_name", "node-1")
        .add("__meta_kubernetes_node_label_topology_kubernetes_io_zone", zone)
        .add("__meta_kubernetes_node_labelpresent_topology_kubernetes_io_zone", "true")
        .add("__meta_kubernetes_node_label_kubernetes_io_hostname", "node-1")
        .add("__meta_kubernetes_node_labelpresent_kubernetes_io_hostname", "true");
  }

  /** The GET requests for nodes the server received so far (the test itself only writes them). */
  private int nodeReads() throws InterruptedException {
    int n = 0;
    for (var r = api.server.takeRequest(10, TimeUnit.MILLISECONDS);
        r != null;
        r = api.server.takeRequest(10, TimeUnit.MILLISECONDS)) {
      if ("GET".equals(r.getMethod()) && r.getPath().startsWith("/api/v1/nodes")) {
        n++;
      }
    }
    return n;
  }

  @Test
  void podGroupGetsItsNodesNameAndLabelsAndFollowsTheirChanges() throws Exception {
    api.client.nodes().resource(node("z1")).create();
    String uid = createPod("pods");
    Updates updates = new Updates();
    try (var d = api.start(Role.POD, List.of("pods"), Map.of(), true, updates)) {
      await().until(() -> updates.calls() >= 1);
      Labels.Builder pod =
          PodRoleTest.podLabels("web-0", "10.0.0.5", uid)
              .add("__meta_kubernetes_namespace", "pods");
      assertThat(updates.group(POD).labels()).isEqualTo(nodeLabels(pod, "z1").build());
      int targets = updates.group(POD).targets().size();
      assertThat(nodeReads()).as("node lists and watches").isPositive();

      api.client.nodes().resource(node("z2")).update();
      await()
          .until(
              () ->
                  updates
                      .groupLabel(POD, "__meta_kubernetes_node_label_topology_kubernetes_io_zone")
                      .equals("z2"));
      Labels.Builder after =
          PodRoleTest.podLabels("web-0", "10.0.0.5", uid)
              .add("__meta_kubernetes_namespace", "pods");
      assertThat(updates.group(POD).labels()).isEqualTo(nodeLabels(after, "z2").build());
      assertThat(updates.group(POD).targets()).hasSize(targets);

      api.client.nodes().withName("node-1").delete();
      await().until(() -> updates.groupLabel(POD, "__meta_kubernetes_node_name").isEmpty());
      assertThat(updates.group(POD).labels())
          .isEqualTo(
              PodRoleTest.podLabels("web-0", "10.0.0.5", uid)
                  .add("__meta_kubernetes_namespace", "pods")
                  .build());
    }
  }

  @Test
  void withoutTheOptionNoNodeIsWatchedOrAttached() throws Exception {
    api.client.nodes().resource(node("z1")).create();
    String uid = createPod("pods");
    Updates updates = new Updates();
    try (var d = api.start(Role.POD, List.of("pods"), Map.of(), false, updates)) {
      await().until(() -> updates.calls() >= 1);
      assertThat(updates.group(POD).labels())
          .isEqualTo(
              PodRoleTest.podLabels("web-0", "10.0.0.5", uid)
                  .add("__meta_kubernetes_namespace", "pods")
                  .build());
      assertThat(nodeReads()).as("node lists and watches").isZero();
    }
  }

  @Test
  void endpointSliceTargetsOnANodeGetItsLabelsOthersDoNot() throws Exception {
    api.client.nodes().resource(node("z1")).create();
    api.client
        .discovery()
        .v1()
        .endpointSlices()
        .inNamespace("es")
        .resource(
            new EndpointSliceBuilder()
                .withNewMetadata()
                .withNamespace("es")
                .withName("web-abc")
                .endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint()
                .withAddresses("10.0.0.5")
                .withNodeName("node-1")
                .endEndpoint()
                .addNewEndpoint()
                .withAddresses("10.0.0.6")
                .endEndpoint()
                .addNewPort()
                .withName("web")
                .withPort(8080)
                .endPort()
                .build())
        .create();
    Updates updates = new Updates();
    try (var d = api.start(Role.ENDPOINTSLICE, List.of("es"), Map.of(), true, updates)) {
      await().until(() -> updates.calls() >= 1);
      String source = "endpointslice/es/web-abc";
      List<Labels> targets = updates.group(source).targets();
      assertThat(targets).hasSize(2);
      assertThat(targets.get(0).get("__meta_kubernetes_node_name")).isEqualTo("node-1");
      assertThat(targets.get(0).get("__meta_kubernetes_node_label_topology_kubernetes_io_zone"))
          .isEqualTo("z1");
      assertThat(targets.get(1).get("__meta_kubernetes_node_name")).isNull();
      assertThat(updates.group(source).labels().get("__meta_kubernetes_node_name")).isNull();

      api.client.nodes().resource(node("z3")).update();
      await()
          .until(
              () ->
                  "z3"
                      .equals(
                          updates
                              .group(source)
                              .targets()
                              .get(0)
                              .get("__meta_kubernetes_node_label_topology_kubernetes_io_zone")));
    }
  }

  @Test
  void endpointsAddressesOnANodeGetItsLabelsReadyOrNot() throws Exception {
    api.client.nodes().resource(node("z1")).create();
    api.client
        .endpoints()
        .inNamespace("ep")
        .resource(
            new EndpointsBuilder()
                .withNewMetadata()
                .withNamespace("ep")
                .withName("web")
                .endMetadata()
                .addNewSubset()
                .addNewAddress()
                .withIp("10.0.0.5")
                .withNodeName("node-1")
                .endAddress()
                .addNewNotReadyAddress()
                .withIp("10.0.0.6")
                .withNodeName("node-1")
                .endNotReadyAddress()
                .addNewAddress()
                .withIp("10.0.0.7")
                .endAddress()
                .addNewPort()
                .withName("web")
                .withPort(8080)
                .withProtocol("TCP")
                .endPort()
                .endSubset()
                .build())
        .create();
    Updates updates = new Updates();
    try (var d = api.start(Role.ENDPOINTS, List.of("ep"), Map.of(), true, updates)) {
      await().until(() -> updates.calls() >= 1);
      String source = "endpoints/ep/web";
      Labels ready =
          nodeLabels(
                  Labels.builder()
                      .add("__address__", "10.0.0.5:8080")
                      .add("__meta_kubernetes_endpoint_port_name", "web")
                      .add("__meta_kubernetes_endpoint_port_protocol", "TCP")
                      .add("__meta_kubernetes_endpoint_ready", "true")
                      .add("__meta_kubernetes_endpoint_node_name", "node-1"),
                  "z1")
              .build();
      List<Labels> targets = updates.group(source).targets();
      assertThat(targets).hasSize(3);
      assertThat(targets.get(0)).isEqualTo(ready);
      assertThat(targets.get(1).get("__address__")).isEqualTo("10.0.0.7:8080");
      assertThat(targets.get(1).get("__meta_kubernetes_node_name")).isNull();
      assertThat(targets.get(2).get("__address__")).isEqualTo("10.0.0.6:8080");
      assertThat(targets.get(2).get("__meta_kubernetes_node_label_topology_kubernetes_io_zone"))
          .isEqualTo("z1");

      api.client.nodes().resource(node("z4")).update();
      await()
          .until(
              () ->
                  updates.group(source).targets().stream()
                      .filter(t -> t.get("__meta_kubernetes_node_name") != null)
                      .allMatch(
                          t ->
                              "z4"
                                  .equals(
                                      t.get(
                                          "__meta_kubernetes_node_label_topology_kubernetes_io_zone"))));
    }
  }
}
