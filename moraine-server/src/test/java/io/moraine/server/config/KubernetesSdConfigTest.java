package io.moraine.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code kubernetes_sd_configs}: role {@code ingress} and {@code attach_metadata} (errors:
 * scrape-kubernetes-*.bad.yml).
 */
class KubernetesSdConfigTest {
  private static MoraineConfig parse(String sd) throws Exception {
    return ConfigLoader.parse(
        "scrape_configs:\n  - job_name: k\n    kubernetes_sd_configs:\n      - " + sd + "\n",
        Path.of("m.yml"),
        Path.of("/etc/moraine"));
  }

  private static KubernetesSdConfig sd(MoraineConfig c) {
    return c.scrapeConfigs().getFirst().discovery().kubernetesSdConfigs().getFirst();
  }

  @Test
  void roleIngressWithIngressSelectorsIsAccepted() throws Exception {
    MoraineConfig c =
        parse("{role: ingress, selectors: [{role: ingress, label: 'app=web', field: 'x=y'}]}");
    KubernetesSdConfig k = sd(c);
    assertThat(k.role()).isEqualTo("ingress");
    assertThat(k.selectors())
        .containsExactly(new KubernetesSdConfig.Selector("ingress", "app=web", "x=y"));
    assertThat(c.ignored()).isEmpty();
  }

  @Test
  void attachMetadataNodeIsBoundNotIgnored() throws Exception {
    MoraineConfig c = parse("{role: endpointslice, attach_metadata: {node: true}}");
    assertThat(sd(c).attachNodeMetadata()).isTrue();
    assertThat(c.ignored()).isEmpty();
  }

  @Test
  void attachMetadataDefaultsToNoNode() throws Exception {
    assertThat(sd(parse("{role: pod}")).attachNodeMetadata()).isFalse();
    assertThat(sd(parse("{role: pod, attach_metadata: {}}")).attachNodeMetadata()).isFalse();
    assertThat(sd(parse("{role: pod, attach_metadata: {node: false}}")).attachNodeMetadata())
        .isFalse();
  }

  @Test
  void attachMetadataIsAcceptedForEveryRoleAsPrometheusDoes() throws Exception {
    assertThat(sd(parse("{role: node, attach_metadata: {node: true}}")).attachNodeMetadata())
        .isTrue();
  }
}
