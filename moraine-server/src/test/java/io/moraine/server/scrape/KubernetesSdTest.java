package io.moraine.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.kube.client.ResourceSelector;
import io.moraine.kube.discovery.KubernetesDiscoveryOptions;
import io.moraine.kube.discovery.Role;
import io.moraine.server.config.HttpClientConfig;
import io.moraine.server.config.KubernetesSdConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A {@code kubernetes_sd_configs} entry becomes the discoverer's options. */
class KubernetesSdTest {
  private static KubernetesSdConfig config(String role, boolean attachNode) {
    return new KubernetesSdConfig(
        role,
        List.of("web"),
        false,
        List.of(new KubernetesSdConfig.Selector(role, "app=web", "")),
        "https://k8s.example:6443",
        null,
        HttpClientConfig.DEFAULT,
        attachNode);
  }

  @Test
  void ingressRoleWithItsSelector() throws Exception {
    KubernetesDiscoveryOptions o = KubernetesSd.options(config("ingress", false), "1", Map.of());
    assertThat(o.role()).isEqualTo(Role.INGRESS);
    assertThat(o.namespaces()).containsExactly("web");
    assertThat(o.selector(Role.INGRESS)).isEqualTo(new ResourceSelector("app=web", ""));
    assertThat(o.attachNodeMetadata()).isFalse();
  }

  @Test
  void attachMetadataNodeIsPassedOn() throws Exception {
    assertThat(KubernetesSd.options(config("pod", true), "1", Map.of()).attachNodeMetadata())
        .isTrue();
    assertThat(KubernetesSd.options(config("pod", false), "1", Map.of()).attachNodeMetadata())
        .isFalse();
  }
}
