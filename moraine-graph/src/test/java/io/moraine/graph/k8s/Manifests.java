package io.moraine.graph.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.SiteInfo;
import io.moraine.kube.watch.ModelOf;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes manifests under {@code src/test/resources/io/moraine/graph/k8s/} (one YAML file
 * per case, several documents each), parsed with fabric8's {@link Serialization}, and the site
 * model the watcher's code builds from all of them together.
 */
final class Manifests {
  /** The cases, each a file {@code <case>.yaml} and its golden {@code <case>.trig}. */
  static final List<String> CASES =
      List.of(
          "nodes",
          "namespace",
          "pvc",
          "deployment",
          "statefulset",
          "daemonset",
          "job",
          "cronjob",
          "bare-pod");

  static final SiteInfo SITE = new SiteInfo("edge-1", "config", "https://10.0.0.1:6443");

  /** When the model was built: every manifest has its own times, so this shows nowhere. */
  static final Instant NOW = Instant.parse("2025-03-01T10:05:00Z");

  private Manifests() {}

  /** Every case's objects, in file order. */
  static Map<String, List<HasMetadata>> all() {
    Map<String, List<HasMetadata>> out = new LinkedHashMap<>();
    for (String name : CASES) {
      out.put(name, load(name));
    }
    return out;
  }

  /** The model of every case's objects at once (so pods find their nodes, workloads their pods). */
  static ClusterState state(Map<String, List<HasMetadata>> all) {
    List<HasMetadata> objects = new ArrayList<>();
    all.values().forEach(objects::addAll);
    return ModelOf.state(objects, SITE, NOW);
  }

  /** The model's record of {@code o}; fails when the model dropped it. */
  static Record recordOf(HasMetadata o, ClusterState state) {
    String ns = o.getMetadata().getNamespace();
    String key =
        new ObjectRef(o.getKind(), ns == null ? "" : ns, o.getMetadata().getName(), "").key();
    for (Map<String, ? extends Record> table :
        List.of(state.nodes(), state.namespaces(), state.pvcs(), state.workloads(), state.pods())) {
      Record r = table.get(key);
      if (r != null) {
        return r;
      }
    }
    throw new AssertionError("the model has no " + key);
  }

  static List<HasMetadata> load(String name) {
    String resource = name + ".yaml";
    try (InputStream in = Manifests.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("missing manifest " + resource);
      }
      Object parsed = Serialization.unmarshal(in);
      List<HasMetadata> out = new ArrayList<>();
      if (parsed instanceof List<?> list) {
        for (Object o : list) {
          out.add((HasMetadata) o);
        }
      } else {
        out.add((HasMetadata) parsed);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
