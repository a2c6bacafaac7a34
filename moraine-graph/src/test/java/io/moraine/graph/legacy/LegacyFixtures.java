package io.moraine.graph.legacy;

import io.moraine.graph.usage.UsageSource;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ContainerInfo;
import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.Resources;
import io.moraine.kube.model.SiteInfo;
import io.moraine.kube.model.WorkloadInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.jspecify.annotations.Nullable;

/** Kubernetes model records built by hand, canned usage, and golden-file helpers. */
final class LegacyFixtures {
  static final long AT = 1_700_000_000_000L;

  private LegacyFixtures() {}

  static Instant t(String iso) {
    return Instant.parse(iso);
  }

  static Resources res(Object... kv) {
    Map<String, Double> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    }
    return new Resources(m);
  }

  static ObjectRef ref(String kind, String ns, String name) {
    return new ObjectRef(kind, ns, name, "uid-" + name);
  }

  static ClusterState state(
      SiteInfo site, List<NodeInfo> nodes, List<WorkloadInfo> workloads, List<PodInfo> pods) {
    Map<String, NodeInfo> n = new LinkedHashMap<>();
    nodes.forEach(x -> n.put(x.ref().key(), x));
    Map<String, WorkloadInfo> w = new LinkedHashMap<>();
    workloads.forEach(x -> w.put(x.ref().key(), x));
    Map<String, PodInfo> p = new LinkedHashMap<>();
    pods.forEach(x -> p.put(x.ref().key(), x));
    return new ClusterState(site, n, w, p, Map.of(), Map.of());
  }

  static NodeInfo node(
      String name,
      Resources allocatable,
      Map<String, String> annotations,
      String ready,
      @Nullable Instant readySince,
      @Nullable Instant deletedAt) {
    return new NodeInfo(
        ref("Node", "", name),
        Map.of(),
        annotations,
        allocatable,
        allocatable,
        "amd64",
        "linux",
        "Ubuntu 22.04",
        "6.1.0",
        "v1.30.0",
        "containerd://1.7.0",
        "10.0.0.1",
        "",
        false,
        Map.of("Ready", ready),
        readySince,
        (int) Math.max(0, allocatable.get("nvidia.com/gpu")),
        "",
        Double.NaN,
        t("2024-01-01T00:00:00Z"),
        deletedAt);
  }

  static WorkloadInfo workload(
      String kind,
      String ns,
      String name,
      @Nullable ObjectRef owner,
      Resources requests,
      Resources limits,
      Map<String, String> templateAnnotations) {
    return new WorkloadInfo(
        ref(kind, ns, name),
        Map.of(),
        Map.of(),
        owner,
        List.of("example/app:1"),
        requests,
        limits,
        templateAnnotations,
        1,
        1,
        1,
        0,
        0,
        t("2024-05-01T09:00:00Z"),
        null,
        "",
        "",
        null);
  }

  static ContainerInfo container(
      String name,
      boolean init,
      String id,
      String state,
      @Nullable Instant started,
      @Nullable Instant finished) {
    return new ContainerInfo(
        name,
        "example/" + name + ":1",
        init,
        Resources.NONE,
        Resources.NONE,
        id,
        state,
        "",
        started,
        finished,
        0,
        "terminated".equals(state) ? 0 : null,
        "");
  }

  static PodInfo pod(
      String ns,
      String name,
      @Nullable ObjectRef owner,
      String nodeName,
      String phase,
      List<ContainerInfo> init,
      List<ContainerInfo> containers,
      @Nullable Instant started,
      @Nullable Instant finished,
      @Nullable Instant deleted) {
    return new PodInfo(
        ref("Pod", ns, name),
        Map.of(),
        Map.of(),
        owner,
        owner,
        nodeName,
        phase,
        "",
        "default-scheduler",
        "Burstable",
        "10.1.0.7",
        "",
        init,
        containers,
        Resources.NONE,
        Resources.NONE,
        t("2024-05-01T09:59:59Z"),
        started,
        finished,
        deleted,
        List.of());
  }

  /** Answers each PromQL expression with canned samples (none for any other expression). */
  static final class CannedUsage implements UsageSource {
    private final Map<String, List<Sample>> answers = new HashMap<>();
    private final Set<String> failing = new TreeSet<>();
    final List<Instant> asked = new ArrayList<>();

    CannedUsage answer(String promql, Sample... samples) {
      answers.computeIfAbsent(promql, k -> new ArrayList<>()).addAll(List.of(samples));
      return this;
    }

    CannedUsage fail(String promql) {
      failing.add(promql);
      return this;
    }

    @Override
    public synchronized List<Sample> instant(String promql, Instant at) throws UsageException {
      asked.add(at);
      if (failing.contains(promql)) {
        throw new UsageException("canned failure of " + promql);
      }
      return answers.getOrDefault(promql, List.of());
    }
  }

  static UsageSource.Sample sample(String resource, double v) {
    return new UsageSource.Sample(Map.of("resource", resource, "job", "x"), v);
  }

  /** The default catalogue's query measuring {@code property} in {@code scope}. */
  static String promql(LegacyMeasurement.Scope scope, String property) {
    List<LegacyQuery> qs =
        scope == LegacyMeasurement.Scope.NODE
            ? LegacyOptions.DEFAULT.nodeQueries()
            : LegacyOptions.DEFAULT.podQueries();
    return qs.stream()
        .filter(q -> q.property().equals(property))
        .findFirst()
        .orElseThrow()
        .promql();
  }

  static Graph golden(String name) {
    Graph g = GraphFactory.createDefaultGraph();
    try (InputStream in = LegacyFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing golden " + name);
      }
      RDFParser.source(in).lang(Lang.TURTLE).parse(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return g;
  }

  /** The triples of {@code a} that {@code b} lacks, one per line (sorted), for failure messages. */
  static String missing(Graph a, Graph b) {
    Set<String> out = new TreeSet<>();
    a.find()
        .forEachRemaining(
            (Triple tr) -> {
              if (!b.contains(tr)) {
                out.add(tr.toString());
              }
            });
    return String.join("\n", out);
  }
}
