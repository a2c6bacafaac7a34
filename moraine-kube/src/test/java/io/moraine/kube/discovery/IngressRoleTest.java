package io.moraine.kube.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import io.moraine.kube.client.ResourceSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ingress role against fabric8's CRUD mock API server. */
class IngressRoleTest {
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

  /**
   * Ingress {@code web}: class {@code nginx} from the field; TLS for {@code secure.example.com} and
   * {@code *.wild.example.com}; rules for secure (paths /api and ""), plain (path /), a one-level
   * wildcard host and a two-level one (no http: path-less).
   */
  private static Ingress web(String ns) {
    return new IngressBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName("web")
        .addToLabels("app", "web")
        .addToAnnotations("example.com/owner", "team-a")
        .endMetadata()
        .withNewSpec()
        .withIngressClassName("nginx")
        .addNewTl()
        .withHosts("secure.example.com")
        .endTl()
        .addNewTl()
        .withHosts("*.wild.example.com")
        .endTl()
        .addNewRule()
        .withHost("secure.example.com")
        .withNewHttp()
        .addNewPath()
        .withPath("/api")
        .withPathType("Prefix")
        .withNewBackend()
        .withNewService()
        .withName("api")
        .withNewPort()
        .withNumber(80)
        .endPort()
        .endService()
        .endBackend()
        .endPath()
        .addNewPath()
        .withPathType("ImplementationSpecific")
        .withNewBackend()
        .withNewService()
        .withName("web")
        .withNewPort()
        .withNumber(80)
        .endPort()
        .endService()
        .endBackend()
        .endPath()
        .endHttp()
        .endRule()
        .addNewRule()
        .withHost("plain.example.com")
        .withNewHttp()
        .addNewPath()
        .withPath("/")
        .withPathType("Prefix")
        .withNewBackend()
        .withNewService()
        .withName("web")
        .withNewPort()
        .withNumber(80)
        .endPort()
        .endService()
        .endBackend()
        .endPath()
        .endHttp()
        .endRule()
        .addNewRule()
        .withHost("x.wild.example.com")
        .endRule()
        .addNewRule()
        .withHost("a.b.wild.example.com")
        .endRule()
        .endSpec()
        .build();
  }

  /** Ingress {@code legacy}: class only in the {@code kubernetes.io/ingress.class} annotation. */
  private static Ingress legacy(String ns) {
    return new IngressBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName("legacy")
        .addToAnnotations("kubernetes.io/ingress.class", "traefik")
        .endMetadata()
        .withNewSpec()
        .addNewRule()
        .withHost("old.example.com")
        .endRule()
        .endSpec()
        .build();
  }

  private static Labels target(String host, String scheme, String path) {
    return Labels.of(
        "__address__", host,
        "__meta_kubernetes_ingress_scheme", scheme,
        "__meta_kubernetes_ingress_host", host,
        "__meta_kubernetes_ingress_path", path);
  }

  private void create(Ingress i) {
    api.client
        .network()
        .v1()
        .ingresses()
        .inNamespace(i.getMetadata().getNamespace())
        .resource(i)
        .create();
  }

  @Test
  void targetPerHostAndPathWithSchemeFromTlsAndClassFromTheFieldOnly() throws Exception {
    create(web("ing"));
    create(legacy("ing"));
    create(web("elsewhere"));
    long deletes = api.metrics.event("ingress", "delete").get();
    Updates updates = new Updates();
    try (var d = api.start(Role.INGRESS, List.of("ing"), Map.of(), updates)) {
      await().until(() -> updates.calls() >= 1);
      TargetGroup web =
          new TargetGroup(
              "ingress/ing/web",
              List.of(
                  target("secure.example.com", "https", "/api"),
                  target("secure.example.com", "https", "/"),
                  target("plain.example.com", "http", "/"),
                  target("x.wild.example.com", "https", "/"),
                  target("a.b.wild.example.com", "http", "/")),
              Labels.of(
                  "__meta_kubernetes_namespace", "ing",
                  "__meta_kubernetes_ingress_name", "web",
                  "__meta_kubernetes_ingress_class_name", "nginx",
                  "__meta_kubernetes_ingress_label_app", "web",
                  "__meta_kubernetes_ingress_labelpresent_app", "true",
                  "__meta_kubernetes_ingress_annotation_example_com_owner", "team-a",
                  "__meta_kubernetes_ingress_annotationpresent_example_com_owner", "true"));
      // Prometheus 2.42 reads the class from spec.ingressClassName only: the annotation stays an
      // annotation label and there is no class label
      TargetGroup legacy =
          new TargetGroup(
              "ingress/ing/legacy",
              List.of(target("old.example.com", "http", "/")),
              Labels.of(
                  "__meta_kubernetes_namespace", "ing",
                  "__meta_kubernetes_ingress_name", "legacy",
                  "__meta_kubernetes_ingress_annotation_kubernetes_io_ingress_class", "traefik",
                  "__meta_kubernetes_ingress_annotationpresent_kubernetes_io_ingress_class",
                      "true"));
      // the informer may hand the two over in one update or in two
      await().until(() -> updates.state().size() == 2);
      assertThat(updates.state().values()).containsExactlyInAnyOrder(web, legacy);

      api.client.network().v1().ingresses().inNamespace("ing").withName("legacy").delete();
      await().until(() -> !updates.state().containsKey("ingress/ing/legacy"));
      assertThat(updates.last()).containsExactly(TargetGroup.empty("ingress/ing/legacy"));
      assertThat(updates.state()).containsOnlyKeys("ingress/ing/web");
      assertThat(api.metrics.event("ingress", "delete").get() - deletes).isEqualTo(1);
    }
  }

  @Test
  void ingressSelectorsAndAllNamespaces() throws Exception {
    create(web("a"));
    create(legacy("a"));
    create(web("b"));
    Updates updates = new Updates();
    var selectors = Map.of(Role.INGRESS, new ResourceSelector("app=web", ""));
    try (var d = api.start(Role.INGRESS, List.of(), selectors, updates)) {
      await().until(() -> updates.state().size() >= 2);
      assertThat(updates.state()).containsOnlyKeys("ingress/a/web", "ingress/b/web");
    }
  }
}
