package io.moraine.kube.state;

import static io.moraine.kube.state.Clusters.container;
import static io.moraine.kube.state.Clusters.node;
import static io.moraine.kube.state.Clusters.pod;
import static io.moraine.kube.state.Clusters.ref;
import static io.moraine.kube.state.Clusters.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.kube.model.Resources;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The series the watchdog alerts read (node not ready, pod crash-looping, job failed) and the node
 * count's input, on a site where each of them fires and one where none does.
 */
class WatchdogInputsTest {
  private static final List<Object> TROUBLED =
      List.of(
          node("ok", "True", false, "10.0.0.1"),
          node("down", "False", false, "10.0.0.2"),
          node("lost", "Unknown", false, "10.0.0.3"),
          pod(
              "default",
              "loop-1",
              ref("ReplicaSet", "default", "loop"),
              "ok",
              "Running",
              List.of(
                  container(
                      "app",
                      "waiting",
                      "CrashLoopBackOff",
                      12,
                      "OOMKilled",
                      Resources.NONE,
                      Resources.NONE,
                      null)),
              List.of(),
              false),
          workload("Job", "batch", "etl", null, 1, 0, 0, 0, 7, "Failed", "BackoffLimitExceeded"));

  @Test
  void nodeNotReadyIsVisibleAsReadyConditionNotTrue() {
    List<StateSample> s = KubeStateMetrics.collect(Clusters.state(TROUBLED));
    // kube_node_status_condition{condition="Ready",status="true"} == 0 selects the not-ready nodes.
    Set<String> notReady = new TreeSet<>();
    for (StateSample x : s) {
      Labels l = x.labels();
      if (is(l, "kube_node_status_condition")
          && "Ready".equals(l.get("condition"))
          && "true".equals(l.get("status"))
          && x.value() == 0) {
        notReady.add(Objects.requireNonNull(l.get("node")));
      }
    }
    assertThat(notReady).containsExactly("down", "lost");
    assertThat(
            value(
                s,
                "kube_node_status_condition",
                "node",
                "lost",
                "condition",
                "Ready",
                "status",
                "unknown"))
        .isEqualTo(1);
  }

  @Test
  void crashLoopingPodHasRestartsAndWaitingReason() {
    List<StateSample> s = KubeStateMetrics.collect(Clusters.state(TROUBLED));
    assertThat(value(s, "kube_pod_container_status_restarts_total", "pod", "loop-1")).isEqualTo(12);
    assertThat(
            value(
                s,
                "kube_pod_container_status_waiting_reason",
                "pod",
                "loop-1",
                "reason",
                "CrashLoopBackOff"))
        .isEqualTo(1);
    assertThat(value(s, "kube_pod_container_status_last_terminated_reason", "reason", "OOMKilled"))
        .isEqualTo(1);
  }

  @Test
  void failedJobHasFailedAboveZero() {
    List<StateSample> s = KubeStateMetrics.collect(Clusters.state(TROUBLED));
    assertThat(
            value(s, "kube_job_status_failed", "job_name", "etl", "reason", "BackoffLimitExceeded"))
        .isEqualTo(1);
  }

  @Test
  void nodeCountInputHasOneDistinctNodePerNode() {
    List<StateSample> s = KubeStateMetrics.collect(Clusters.state(TROUBLED));
    // count(count by (node) (kube_node_info)): the distinct node values of kube_node_info.
    Set<String> nodes = new TreeSet<>();
    for (StateSample x : s) {
      if (is(x.labels(), "kube_node_info")) {
        nodes.add(Objects.requireNonNull(x.labels().get("node")));
      }
    }
    assertThat(nodes).containsExactly("down", "lost", "ok");
  }

  @Test
  void aHealthySiteGivesTheAlertsNothing() {
    List<StateSample> s =
        KubeStateMetrics.collect(
            Clusters.state(
                List.of(
                    node("ok", "True", false, "10.0.0.1"),
                    workload("Job", "batch", "etl", null, 1, 0, 0, 1, 0, "Complete", ""))));
    assertThat(s)
        .noneMatch(
            x ->
                is(x.labels(), "kube_node_status_condition")
                    && "Ready".equals(x.labels().get("condition"))
                    && "true".equals(x.labels().get("status"))
                    && x.value() == 0);
    assertThat(s).noneMatch(x -> is(x.labels(), "kube_pod_container_status_waiting_reason"));
    assertThat(s)
        .filteredOn(x -> is(x.labels(), "kube_job_status_failed"))
        .singleElement()
        .satisfies(x -> assertThat(x.value()).isZero());
  }

  private static boolean is(Labels l, String family) {
    return family.equals(l.metricName());
  }

  /** The value of the one series of {@code family} whose labels include the given pairs. */
  private static double value(List<StateSample> s, String family, String... pairs) {
    return s.stream()
        .filter(x -> is(x.labels(), family))
        .filter(
            x -> {
              for (int i = 0; i < pairs.length; i += 2) {
                if (!pairs[i + 1].equals(x.labels().get(pairs[i]))) {
                  return false;
                }
              }
              return true;
            })
        .reduce(
            (a, b) -> {
              throw new AssertionError("more than one series: " + a + ", " + b);
            })
        .orElseThrow(() -> new AssertionError("no series " + family + List.of(pairs)))
        .value();
  }
}
