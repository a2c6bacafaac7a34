package io.moraine.kube.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Effective pod requests and limits as the scheduler counts them. */
class DemandTest {
  static Container container(String name, String cpuReq, String memReq, String cpuLim) {
    var b = new ContainerBuilder().withName(name).withImage(name + ":1").withNewResources();
    if (!cpuReq.isEmpty()) {
      b.addToRequests("cpu", new Quantity(cpuReq));
    }
    if (!memReq.isEmpty()) {
      b.addToRequests("memory", new Quantity(memReq));
    }
    if (!cpuLim.isEmpty()) {
      b.addToLimits("cpu", new Quantity(cpuLim));
    }
    return b.endResources().build();
  }

  @Test
  void initContainersCountByTheirMaxAgainstTheSumOfAppContainers() {
    List<Container> apps =
        List.of(container("a", "250m", "64Mi", "1"), container("b", "250m", "64Mi", "500m"));
    List<Container> inits =
        List.of(container("i1", "2", "16Mi", "2"), container("i2", "100m", "100Mi", ""));
    Demand d = Demand.of(inits, apps, null);
    assertThat(d.requests().get("cpu")).isEqualTo(2.0); // init max 2 > app sum 0.5
    assertThat(d.requests().get("memory")).isEqualTo(128 * 1024 * 1024); // app sum > init 100Mi
    assertThat(d.limits().get("cpu")).isEqualTo(2.0);
    assertThat(d.limits().amounts()).doesNotContainKey("memory");

    Demand small = Demand.of(List.of(container("i", "100m", "1Gi", "")), apps, null);
    assertThat(small.requests().get("cpu")).isEqualTo(0.5);
    assertThat(small.requests().get("memory")).isEqualTo(1024 * 1024 * 1024);
  }

  @Test
  void limitsAreAbsentWhenAnAppContainerHasNone() {
    Demand d =
        Demand.of(
            List.of(), List.of(container("a", "1", "", "2"), container("b", "1", "", "")), null);
    assertThat(d.requests().get("cpu")).isEqualTo(2.0);
    assertThat(d.limits().isEmpty()).isTrue();
  }

  @Test
  void sidecarsRunBesideTheAppsAndTheLaterInitContainers() {
    Container sidecar =
        new ContainerBuilder(container("proxy", "300m", "", ""))
            .withRestartPolicy("Always")
            .build();
    Demand d =
        Demand.of(
            List.of(sidecar, container("migrate", "1", "", "")),
            List.of(container("app", "500m", "", "")),
            Map.of("cpu", new Quantity("100m")));
    // init phase: migrate 1 + proxy 0.3 = 1.3; run: app 0.5 + proxy 0.3 = 0.8; + overhead 0.1
    assertThat(d.requests().get("cpu"))
        .isCloseTo(1.4, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void kubeadmClusterName() {
    String yaml =
        """
        apiServer:
          extraArgs:
            clusterName: nested-is-not-it
        apiVersion: kubeadm.k8s.io/v1beta3
        clusterName: "edge-site-1" # the site
        controllerManager: {}
        """;
    assertThat(SiteName.clusterName(yaml)).isEqualTo("edge-site-1");
    assertThat(SiteName.clusterName("clusterName: plain # c\n")).isEqualTo("plain");
    assertThat(SiteName.clusterName("kind: ClusterConfiguration\n")).isEmpty();
  }
}
