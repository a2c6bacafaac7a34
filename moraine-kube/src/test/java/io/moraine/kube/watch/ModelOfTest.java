package io.moraine.kube.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.SiteInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelOfTest {
  static final SiteInfo SITE = new SiteInfo("edge-1", "config", "https://10.0.0.1:6443");
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  @Test
  void resolvesOwnerChainsWhateverTheOrder() {
    Deployment d = Objects8.deployment("default", "web");
    ReplicaSet rs = Objects8.replicaSet("default", "web-5d4f", d);
    Pod p = Objects8.pod("default", "web-5d4f-abcde", rs);
    for (List<HasMetadata> order :
        List.<List<HasMetadata>>of(List.of(d, rs, p), List.of(p, rs, d))) {
      ClusterState s = ModelOf.state(order, SITE, NOW);
      PodInfo pod = s.pods().values().iterator().next();
      assertThat(pod.owner())
          .extracting(ObjectRef::kind, ObjectRef::name)
          .containsExactly("ReplicaSet", "web-5d4f");
      assertThat(pod.workload())
          .extracting(ObjectRef::kind, ObjectRef::name)
          .containsExactly("Deployment", "web");
      assertThat(s.workloads()).hasSize(2);
      assertThat(s.site()).isEqualTo(SITE);
    }
  }

  @Test
  void anUnwatchedKindIsNamed() {
    HasMetadata cm =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("cfg")
            .endMetadata()
            .build();
    assertThatThrownBy(() -> ModelOf.state(List.of(cm), SITE, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ConfigMap ns/cfg");
  }
}
