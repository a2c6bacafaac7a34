package io.moraine.kube.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import io.moraine.kube.client.ResourceSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node, service, endpoints and endpointslice roles, namespaces and selectors. */
class RolesTest {
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

  @Test
  void nodeTargetIsTheKubeletOfThePreferredAddress() throws Exception {
    api.client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName("node-a")
                .addToLabels("kubernetes.io/hostname", "node-a")
                .addToAnnotations("a/b", "c")
                .endMetadata()
                .withNewSpec()
                .withProviderID("aws:///i-1")
                .endSpec()
                .withNewStatus()
                .addNewAddress("10.1.0.9", "ExternalIP")
                .addNewAddress("node-a", "Hostname")
                .addNewAddress("10.1.0.1", "InternalIP")
                .addNewAddress("10.1.0.2", "InternalIP")
                .withNewDaemonEndpoints()
                .withNewKubeletEndpoint(10250)
                .endDaemonEndpoints()
                .endStatus()
                .build())
        .create();
    api.client
        .nodes()
        .resource(new NodeBuilder().withNewMetadata().withName("node-b").endMetadata().build())
        .create();
    Updates updates = new Updates();
    try (var d = api.start(Role.NODE, List.of("ignored-for-nodes"), Map.of(), updates)) {
      await().until(() -> updates.calls() >= 1);
      TargetGroup expected =
          new TargetGroup(
              "node/node-a",
              List.of(
                  Labels.of(
                      "__address__", "10.1.0.1:10250",
                      "instance", "node-a",
                      "__meta_kubernetes_node_address_InternalIP", "10.1.0.1",
                      "__meta_kubernetes_node_address_ExternalIP", "10.1.0.9",
                      "__meta_kubernetes_node_address_Hostname", "node-a")),
              Labels.of(
                  "__meta_kubernetes_node_name", "node-a",
                  "__meta_kubernetes_node_provider_id", "aws:///i-1",
                  "__meta_kubernetes_node_label_kubernetes_io_hostname", "node-a",
                  "__meta_kubernetes_node_labelpresent_kubernetes_io_hostname", "true",
                  "__meta_kubernetes_node_annotation_a_b", "c",
                  "__meta_kubernetes_node_annotationpresent_a_b", "true"));
      // node-b has no address: Prometheus sends nothing for it
      assertThat(updates.call(0)).containsExactly(expected);

      api.client.nodes().withName("node-a").delete();
      await().until(() -> updates.state().isEmpty());
      assertThat(updates.last()).containsExactly(TargetGroup.empty("node/node-a"));
    }
  }

  @Test
  void serviceTargetsPerPortWithTypeSpecificLabels() throws Exception {
    var svcs = api.client.services().inNamespace("svc");
    svcs.resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withNamespace("svc")
                .withName("ext")
                .endMetadata()
                .withNewSpec()
                .withType("ExternalName")
                .withExternalName("example.com")
                .addNewPort()
                .withName("https")
                .withPort(443)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build())
        .create();
    svcs.resource(
            new ServiceBuilder(Fixtures.service("svc", "lb"))
                .editSpec()
                .withType("LoadBalancer")
                .withLoadBalancerIP("1.2.3.4")
                .endSpec()
                .build())
        .create();
    Updates updates = new Updates();
    try (var d = api.start(Role.SERVICE, List.of("svc"), Map.of(), updates)) {
      await().until(() -> updates.state().size() == 2);
      assertThat(updates.group("svc/svc/ext"))
          .isEqualTo(
              new TargetGroup(
                  "svc/svc/ext",
                  List.of(
                      Labels.of(
                          "__address__", "ext.svc.svc:443",
                          "__meta_kubernetes_service_port_name", "https",
                          "__meta_kubernetes_service_port_number", "443",
                          "__meta_kubernetes_service_port_protocol", "TCP",
                          "__meta_kubernetes_service_type", "ExternalName",
                          "__meta_kubernetes_service_external_name", "example.com")),
                  Labels.of(
                      "__meta_kubernetes_service_name", "ext",
                      "__meta_kubernetes_namespace", "svc")));
      assertThat(updates.group("svc/svc/lb").targets())
          .containsExactly(
              Labels.of(
                  "__address__", "lb.svc.svc:80",
                  "__meta_kubernetes_service_port_name", "web",
                  "__meta_kubernetes_service_port_number", "80",
                  "__meta_kubernetes_service_port_protocol", "TCP",
                  "__meta_kubernetes_service_type", "LoadBalancer",
                  "__meta_kubernetes_service_cluster_ip", "10.96.0.10",
                  "__meta_kubernetes_service_loadbalancer_ip", "1.2.3.4"));
      assertThat(updates.group("svc/svc/lb").labels().get("__meta_kubernetes_service_label_team"))
          .isEqualTo("a");
    }
  }

  /** The endpoint target of the pod's port 8080, with Prometheus's pod and container labels. */
  private static Labels.Builder podTarget(Pod pod, String address) {
    Labels.Builder b =
        PodRoleTest.podLabels("web-0", "10.0.0.5", pod.getMetadata().getUid())
            .add("__address__", address)
            .add("__meta_kubernetes_pod_container_name", "app")
            .add("__meta_kubernetes_pod_container_image", "app:1");
    return b;
  }

  @Test
  void endpointsTargetsCarryServiceAndPodLabelsAndUncoveredPodPorts() throws Exception {
    api.client.services().inNamespace("ep").resource(Fixtures.service("ep", "web")).create();
    Pod pod =
        api.client
            .pods()
            .inNamespace("ep")
            .resource(Fixtures.pod("ep", "web-0", "10.0.0.5"))
            .create();
    api.client
        .endpoints()
        .inNamespace("ep")
        .resource(
            new EndpointsBuilder()
                .withNewMetadata()
                .withNamespace("ep")
                .withName("web")
                .addToLabels("tier", "front")
                .endMetadata()
                .addNewSubset()
                .addNewAddress()
                .withIp("10.0.0.5")
                .withHostname("web-0")
                .withNodeName("node-1")
                .withNewTargetRef()
                .withKind("Pod")
                .withNamespace("ep")
                .withName("web-0")
                .endTargetRef()
                .endAddress()
                .addNewNotReadyAddress()
                .withIp("10.0.0.6")
                .endNotReadyAddress()
                .addNewPort()
                .withName("web")
                .withPort(8080)
                .withProtocol("TCP")
                .endPort()
                .endSubset()
                .build())
        .create();
    Updates updates = new Updates();
    try (var d = api.start(Role.ENDPOINTS, List.of("ep"), Map.of(), updates)) {
      await().until(() -> updates.calls() >= 1);
      Labels group =
          Labels.of(
              "__meta_kubernetes_namespace", "ep",
              "__meta_kubernetes_endpoints_name", "web",
              "__meta_kubernetes_endpoints_label_tier", "front",
              "__meta_kubernetes_endpoints_labelpresent_tier", "true",
              "__meta_kubernetes_service_name", "web",
              "__meta_kubernetes_service_label_team", "a",
              "__meta_kubernetes_service_labelpresent_team", "true");
      List<Labels> targets =
          List.of(
              podTarget(pod, "10.0.0.5:8080")
                  .add("__meta_kubernetes_endpoint_port_name", "web")
                  .add("__meta_kubernetes_endpoint_port_protocol", "TCP")
                  .add("__meta_kubernetes_endpoint_ready", "true")
                  .add("__meta_kubernetes_endpoint_address_target_kind", "Pod")
                  .add("__meta_kubernetes_endpoint_address_target_name", "web-0")
                  .add("__meta_kubernetes_endpoint_node_name", "node-1")
                  .add("__meta_kubernetes_endpoint_hostname", "web-0")
                  .add("__meta_kubernetes_pod_container_port_name", "http")
                  .add("__meta_kubernetes_pod_container_port_number", "8080")
                  .add("__meta_kubernetes_pod_container_port_protocol", "TCP")
                  .build(),
              Labels.of(
                  "__address__", "10.0.0.6:8080",
                  "__meta_kubernetes_endpoint_port_name", "web",
                  "__meta_kubernetes_endpoint_port_protocol", "TCP",
                  "__meta_kubernetes_endpoint_ready", "false"),
              podTarget(pod, "10.0.0.5:9090")
                  .add("__meta_kubernetes_pod_container_port_name", "metrics")
                  .add("__meta_kubernetes_pod_container_port_number", "9090")
                  .add("__meta_kubernetes_pod_container_port_protocol", "TCP")
                  .build());
      assertThat(updates.call(0))
          .containsExactly(new TargetGroup("endpoints/ep/web", targets, group));

      // a change of the service alone re-sends the endpoints' group with its new labels
      api.client
          .services()
          .inNamespace("ep")
          .resource(
              new ServiceBuilder(Fixtures.service("ep", "web"))
                  .editMetadata()
                  .addToLabels("team", "b")
                  .endMetadata()
                  .build())
          .update();
      await()
          .until(
              () ->
                  updates
                      .groupLabel("endpoints/ep/web", "__meta_kubernetes_service_label_team")
                      .equals("b"));
    }
  }

  @Test
  void endpointSliceTargetsCarryConditionsTopologyAndPodLabels() throws Exception {
    api.client.services().inNamespace("es").resource(Fixtures.service("es", "web")).create();
    Pod pod =
        api.client
            .pods()
            .inNamespace("es")
            .resource(Fixtures.pod("es", "web-0", "10.0.0.5"))
            .create();
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
                .addToLabels("kubernetes.io/service-name", "web")
                .endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint()
                .withAddresses("10.0.0.5")
                .withNewConditions(true, true, false)
                .withHostname("web-0")
                .withNodeName("node-1")
                .addToDeprecatedTopology("topology.kubernetes.io/zone", "z1")
                .withNewTargetRef()
                .withKind("Pod")
                .withNamespace("es")
                .withName("web-0")
                .endTargetRef()
                .endEndpoint()
                .addNewPort()
                .withName("web")
                .withPort(8080)
                .withProtocol("TCP")
                .withAppProtocol("http")
                .endPort()
                .build())
        .create();
    Updates updates = new Updates();
    try (var d = api.start(Role.ENDPOINTSLICE, List.of("es"), Map.of(), updates)) {
      await().until(() -> updates.calls() >= 1);
      String p = "__meta_kubernetes_endpointslice_";
      Labels group =
          Labels.of(
              "__meta_kubernetes_namespace",
              "es",
              p + "name",
              "web-abc",
              p + "address_type",
              "IPv4",
              "__meta_kubernetes_service_name",
              "web",
              "__meta_kubernetes_service_label_team",
              "a",
              "__meta_kubernetes_service_labelpresent_team",
              "true");
      List<Labels> targets =
          List.of(
              podTarget(pod, "10.0.0.5:8080")
                  .add(p + "port_name", "web")
                  .add(p + "port_protocol", "TCP")
                  .add(p + "port", "8080")
                  .add(p + "port_app_protocol", "http")
                  .add(p + "endpoint_conditions_ready", "true")
                  .add(p + "endpoint_conditions_serving", "true")
                  .add(p + "endpoint_conditions_terminating", "false")
                  .add(p + "endpoint_hostname", "web-0")
                  .add(p + "address_target_kind", "Pod")
                  .add(p + "address_target_name", "web-0")
                  .add(p + "endpoint_topology_topology_kubernetes_io_zone", "z1")
                  .add(p + "endpoint_topology_present_topology_kubernetes_io_zone", "true")
                  .add("__meta_kubernetes_pod_container_port_name", "http")
                  .add("__meta_kubernetes_pod_container_port_number", "8080")
                  .add("__meta_kubernetes_pod_container_port_protocol", "TCP")
                  .build(),
              podTarget(pod, "10.0.0.5:9090")
                  .add("__meta_kubernetes_pod_container_port_name", "metrics")
                  .add("__meta_kubernetes_pod_container_port_number", "9090")
                  .add("__meta_kubernetes_pod_container_port_protocol", "TCP")
                  .build());
      assertThat(updates.call(0))
          .containsExactly(new TargetGroup("endpointslice/es/web-abc", targets, group));

      api.client.discovery().v1().endpointSlices().inNamespace("es").withName("web-abc").delete();
      await().until(() -> updates.state().isEmpty());
    }
  }

  @Test
  void namespacesAndLabelAndFieldSelectorsFilterWhatIsWatched() throws Exception {
    for (String ns : List.of("sel-a", "sel-b")) {
      for (String name : List.of("keep", "drop")) {
        api.client.pods().inNamespace(ns).resource(Fixtures.pod(ns, name, "10.0.1.1")).create();
      }
    }
    Pod db =
        new PodBuilder(Fixtures.pod("sel-a", "db", "10.0.1.2"))
            .editMetadata()
            .addToLabels("app", "db")
            .endMetadata()
            .build();
    api.client.pods().inNamespace("sel-a").resource(db).create();

    Updates byLabel = new Updates();
    Map<Role, ResourceSelector> label = Map.of(Role.POD, new ResourceSelector("app=db", ""));
    try (var d = api.start(Role.POD, List.of("sel-a"), label, byLabel)) {
      await().until(() -> byLabel.calls() >= 1);
      assertThat(byLabel.state().keySet()).containsExactly("pod/sel-a/db");
    }
    Updates byField = new Updates();
    Map<Role, ResourceSelector> field =
        Map.of(Role.POD, new ResourceSelector("", "metadata.name=keep"));
    try (var d = api.start(Role.POD, List.of("sel-a", "sel-b"), field, byField)) {
      await().until(() -> byField.calls() >= 1);
      assertThat(byField.state().keySet()).containsExactly("pod/sel-a/keep", "pod/sel-b/keep");
    }
    Updates all = new Updates();
    try (var d = api.start(Role.POD, List.of(), Map.of(), all)) {
      await().until(() -> all.calls() >= 1);
      assertThat(all.state().keySet())
          .contains("pod/sel-a/db", "pod/sel-a/drop", "pod/sel-b/drop", "pod/sel-b/keep");
    }
  }
}
