package io.moraine.bench;

import io.moraine.core.labels.Labels;
import io.moraine.ingest.relabel.RelabelAction;
import io.moraine.ingest.relabel.RelabelConfig;
import io.moraine.ingest.relabel.Relabeler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code metric_relabel_configs} as kube-prometheus ships them for the kubelet's cAdvisor and
 * kubelet endpoints (five drops on the metric name, three of them with other labels), plus a {@code
 * labeldrop}, over {@value #SETS} scraped label sets; scores in label sets per second.
 *
 * <pre>
 * ./mvnw -q -B -pl moraine-bench -am package -DskipTests
 * java -jar moraine-bench/target/benchmarks.jar Relabel -f 1 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 *
 * {@code shape=engine} writes the same regexes inside {@code (?s:...)}, which the literal fast
 * paths do not take (no dots are involved, so the results are the same): the regex engine's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-XX:+UseCompactObjectHeaders", "-Xmx1g"})
public class RelabelBenchmark {
  private static final int SETS = 10_000;

  private static final String[] NAMES = {
    "container_cpu_usage_seconds_total",
    "container_memory_working_set_bytes",
    "container_memory_rss",
    "container_network_receive_bytes_total",
    "container_network_transmit_bytes_total",
    "container_fs_reads_bytes_total",
    "container_tasks_state",
    "container_network_tcp_usage_total",
    "container_spec_cpu_shares",
    "container_spec_memory_limit_bytes",
    "container_threads",
    "container_last_seen",
    "container_blkio_device_usage_total",
    "kubelet_running_pods",
    "kubelet_pod_worker_latency_microseconds",
    "kubelet_runtime_operations_duration_seconds_bucket",
    "storage_operation_duration_seconds_bucket",
    "rest_client_requests_total",
    "process_resident_memory_bytes",
    "go_goroutines",
  };

  private static final String[] LE = {"0.005", "0.25", "1", "2.5", "10", "15", "+Inf"};

  @Param({"fast", "engine"})
  public String shape = "fast";

  private Relabeler relabeler = Relabeler.none();
  private Labels[] sets = new Labels[0];

  @Setup(Level.Trial)
  public void setUp() {
    relabeler = Relabeler.of(chain(shape.equals("engine")));
    sets = labelSets(new Random(1));
    int kept = 0;
    for (Labels l : sets) {
      if (relabeler.process(l) != null) {
        kept++;
      }
    }
    System.out.printf("%n%d label sets, %d kept%n", SETS, kept);
  }

  @Benchmark
  @OperationsPerInvocation(SETS)
  public void kubeletChain(Blackhole bh) {
    for (Labels l : sets) {
      bh.consume(relabeler.process(l));
    }
  }

  static List<RelabelConfig> chain(boolean engine) {
    return List.of(
        drop(
            engine,
            "container_(network_tcp_usage_total|network_udp_usage_total|tasks_state"
                + "|cpu_load_average_10s)",
            "__name__"),
        drop(
            engine,
            "(container_spec_.*|container_file_descriptors|container_sockets|container_threads_max"
                + "|container_threads|container_start_time_seconds|container_last_seen);;",
            "__name__",
            "pod",
            "namespace"),
        drop(engine, "(container_blkio_device_usage_total);.+", "__name__", "container"),
        drop(
            engine,
            "kubelet_(pod_worker_latency_microseconds|pod_start_latency_microseconds"
                + "|cgroup_manager_latency_microseconds|pod_worker_start_latency_microseconds"
                + "|pleg_relist_latency_microseconds|pleg_relist_interval_microseconds"
                + "|runtime_operations|runtime_operations_latency_microseconds"
                + "|runtime_operations_errors|eviction_stats_age_microseconds"
                + "|device_plugin_registration_count|device_plugin_alloc_latency_microseconds"
                + "|network_plugin_operations_latency_microseconds)",
            "__name__"),
        drop(
            engine,
            "(csi_operations|storage_operation_duration)_seconds_bucket;"
                + "(0.25|2.5|15|25|120|600)(\\.0)?",
            "__name__",
            "le"),
        RelabelConfig.builder()
            .action(RelabelAction.LABELDROP)
            .regex(engine ? "(?s:id|image)" : "id|image")
            .build());
  }

  private static RelabelConfig drop(boolean engine, String regex, String... sources) {
    return RelabelConfig.builder()
        .action(RelabelAction.DROP)
        .sourceLabels(sources)
        .regex(engine ? "(?s:" + regex + ")" : regex)
        .build();
  }

  private static Labels[] labelSets(Random rnd) {
    List<Labels> out = new ArrayList<>(SETS);
    for (int i = 0; i < SETS; i++) {
      String name = NAMES[rnd.nextInt(NAMES.length)];
      int pod = rnd.nextInt(300);
      Labels.Builder b =
          Labels.builder()
              .add("__name__", name)
              .add("endpoint", "https-metrics")
              .add("instance", "10.0." + (pod % 20) + ".1:10250")
              .add("job", "kubelet")
              .add("metrics_path", name.startsWith("container_") ? "/metrics/cadvisor" : "/metrics")
              .add("namespace", "ns-" + (pod % 17))
              .add("node", "node-" + (pod % 20))
              .add("service", "kubelet");
      if (name.startsWith("container_") && rnd.nextInt(10) > 0) {
        b.add("container", "app-" + (pod % 5))
            .add("pod", "pod-" + pod)
            .add("id", "/kubepods/burstable/pod" + pod + "/c" + i)
            .add("image", "registry.example/app:" + (pod % 7))
            .add("name", "k8s_app_pod-" + pod);
      }
      if (name.endsWith("_bucket")) {
        b.add("le", LE[rnd.nextInt(LE.length)]).add("operation_type", "op" + rnd.nextInt(4));
      }
      out.add(b.build());
    }
    return out.toArray(Labels[]::new);
  }
}
