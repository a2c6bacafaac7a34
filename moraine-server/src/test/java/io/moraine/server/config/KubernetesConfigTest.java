package io.moraine.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code kubernetes} section: absence, presence, a full file (errors: kubernetes-*.bad.yml).
 */
class KubernetesConfigTest {
  private static MoraineConfig parse(String yaml) throws Exception {
    return ConfigLoader.parse(yaml, Path.of("m.yml"), Path.of("/etc/moraine"));
  }

  @Test
  void noSectionWatchesNothing() throws Exception {
    assertThat(parse("global: {}\n").kubernetes()).isEqualTo(KubernetesConfig.DEFAULT);
    assertThat(KubernetesConfig.DEFAULT.enabled()).isFalse();
  }

  @Test
  void anEmptySectionWatchesInClusterWithTheDefaults() throws Exception {
    KubernetesConfig k = parse("kubernetes: {}\n").kubernetes();
    assertThat(k.enabled()).isTrue();
    assertThat(k.apiServer()).isNull();
    assertThat(k.kubeconfigFile()).isNull();
    assertThat(k.namespaces()).isEmpty();
    assertThat(k.site()).isNull();
    assertThat(k.resyncMillis()).isEqualTo(600_000);
    assertThat(k.kubeStateMetrics()).isTrue();
    assertThat(k.kubeStateIntervalMillis()).isEqualTo(30_000);
  }

  @Test
  void enabledFalseKeepsTheSectionButWatchesNothing() throws Exception {
    KubernetesConfig k =
        parse("kubernetes: {enabled: false, kube_state_metrics: {enabled: false}}\n").kubernetes();
    assertThat(k.enabled()).isFalse();
    assertThat(k.kubeStateMetrics()).isFalse();
  }

  @Test
  void kubeconfigIsResolvedAgainstTheFilesDirectory() throws Exception {
    KubernetesConfig k = parse("kubernetes: {kubeconfig_file: kube.conf}\n").kubernetes();
    assertThat(k.kubeconfigFile()).isEqualTo(Path.of("/etc/moraine/kube.conf"));
  }

  @Test
  void fullSectionBinds() throws Exception {
    Path file = ConfigFilesTest.dir().resolve("kubernetes.good.yml");
    MoraineConfig c = ConfigLoader.load(file);
    KubernetesConfig k = c.kubernetes();
    assertThat(k.enabled()).isTrue();
    assertThat(k.apiServer()).isEqualTo("https://k8s.example:6443");
    assertThat(k.httpClient().tls().caFile())
        .isEqualTo(ConfigFilesTest.dir().resolve("secrets/ca.crt"));
    assertThat(k.namespaces()).isEqualTo(List.of("apps", "batch"));
    assertThat(k.site()).isEqualTo("edge-1");
    assertThat(k.resyncMillis()).isEqualTo(300_000);
    assertThat(k.kubeStateIntervalMillis()).isEqualTo(15_000);
    assertThat(c.graph().summaryWindowMillis()).isEqualTo(600_000);
  }
}
