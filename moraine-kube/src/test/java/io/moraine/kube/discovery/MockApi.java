package io.moraine.kube.discovery;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.kube.client.KubeClientOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** fabric8's mock API server in CRUD mode (plain HTTP), a client for the test, discoverers. */
final class MockApi implements AutoCloseable {
  final KubernetesMockServer server;
  final KubernetesClient client;
  final KubernetesDiscoveryMetrics metrics;
  final MetricRegistry registry = new MetricRegistry();

  /** Kept: JUL holds loggers weakly. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  MockApi() {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    client = server.createClient();
    metrics = new KubernetesDiscoveryMetrics(registry);
  }

  KubeClientOptions clientOptions() {
    return KubeClientOptions.apiServer(server.url("/"), "Moraine/test");
  }

  /** A started discoverer for {@code role} with namespaces and selectors. */
  KubernetesDiscoverer start(
      Role role,
      List<String> namespaces,
      Map<Role, io.moraine.kube.client.ResourceSelector> selectors,
      Updates updates)
      throws Exception {
    return start(role, namespaces, selectors, false, updates);
  }

  /** A started discoverer, attaching node metadata when {@code attachNode}. */
  KubernetesDiscoverer start(
      Role role,
      List<String> namespaces,
      Map<Role, io.moraine.kube.client.ResourceSelector> selectors,
      boolean attachNode,
      Updates updates)
      throws Exception {
    var d =
        new KubernetesDiscoverer(
            new KubernetesDiscoveryOptions(
                role, namespaces, selectors, clientOptions(), java.time.Duration.ZERO, attachNode),
            metrics);
    d.start(updates);
    return d;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
