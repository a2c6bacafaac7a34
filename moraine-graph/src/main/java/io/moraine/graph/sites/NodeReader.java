package io.moraine.graph.sites;

import io.moraine.graph.render.IriSegments;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads nodes from the state graphs: identity, platform and status in one query, then the
 * sub-resources (capacity, allocatable, GPU model, NIC speed) and conditions of all of them in one
 * query each, then the usage. A node's existence starts at its creation (its status start is only
 * when it last became Ready).
 */
final class NodeReader {
  private final Sparql sparql;
  private final UsageReader usage;
  private final String base;

  NodeReader(Sparql sparql, UsageReader usage, String base) {
    this.sparql = sparql;
    this.usage = usage;
    this.base = base;
  }

  /** The nodes that existed during {@code w}, sorted by name; only {@code name} when not null. */
  List<NodeReport> read(@Nullable String name, Window w, List<String> warnings) {
    String q =
        "SELECT ?n ?name ?id ?arch ?kernel ?os ?osImage ?desc ?st ?et ?created WHERE {\n"
            + (name == null ? "" : Sparql.values("n", List.of(NodeFactory.createURI(iri(name)))))
            + "?n a k8s:Node ; mor:name ?name ; glc:hasID ?id .\n"
            + "FILTER(STRSTARTS(STR(?n), "
            + Sparql.text(base + "node/")
            + "))\n"
            + "OPTIONAL { ?n k8s:hasArchitecture ?arch }\n"
            + "OPTIONAL { ?n mor:kernelVersion ?kernel }\n"
            + "OPTIONAL { ?n mor:operatingSystem ?os }\n"
            + "OPTIONAL { ?n mor:osImage ?osImage }\n"
            + Existence.filter("n", w, "created", "st")
            + "} ORDER BY ?name";
    Map<Node, Map<String, Node>> nodes = new LinkedHashMap<>();
    for (Map<String, Node> row : sparql.select(q)) {
      nodes.putIfAbsent(row.get("n"), row);
    }
    if (nodes.isEmpty()) {
      return List.of();
    }
    Map<Node, Parts> parts = parts(nodes.keySet().stream().toList());
    Map<Node, Map<Resource, UsageReader.Metric>> metrics = usage.metrics(nodes.keySet());
    List<NodeReport> out = new ArrayList<>(nodes.size());
    for (Map.Entry<Node, Map<String, Node>> e : nodes.entrySet()) {
      Parts p = parts.getOrDefault(e.getKey(), new Parts());
      Map<Resource, UsageReader.Metric> m = metrics.getOrDefault(e.getKey(), Map.of());
      out.add(report(e.getKey(), e.getValue(), p, m, w, warnings));
    }
    return out;
  }

  String iri(String name) {
    return base + "node/" + IriSegments.encode(name);
  }

  /** What a node's sub-resources and conditions say. */
  private static final class Parts {
    final Map<Resource, Double> capacity = new EnumMap<>(Resource.class);
    final Map<Resource, Double> allocatable = new EnumMap<>(Resource.class);
    final Map<String, String> conditions = new TreeMap<>();
    String gpuModel = "";
  }

  private Map<Node, Parts> parts(List<Node> nodes) {
    Map<Node, Parts> out = new HashMap<>();
    String q =
        "SELECT ?n ?r ?cap ?alloc ?model ?nic WHERE {\n"
            + Sparql.values("n", nodes)
            + "?n glc:hasSubResource ?p .\n"
            + "OPTIONAL { ?p mor:resource ?r }\n"
            + "OPTIONAL { ?p mor:capacity ?cap }\n"
            + "OPTIONAL { ?p mor:allocatable ?alloc }\n"
            + "OPTIONAL { ?p mor:gpuModel ?model }\n"
            + "OPTIONAL { ?p mor:nicSpeed ?nic }\n"
            + "}";
    for (Map<String, Node> row : sparql.select(q)) {
      Parts p = out.computeIfAbsent(row.get("n"), k -> new Parts());
      Double nic = Sparql.number(row.get("nic"));
      if (nic != null) {
        p.capacity.put(Resource.NETWORK, nic / 8);
      }
      Resource r = Resource.ofKubernetes(Sparql.string(row.get("r")));
      if (r == null) {
        continue;
      }
      putIfKnown(p.capacity, r, Sparql.number(row.get("cap")));
      putIfKnown(p.allocatable, r, Sparql.number(row.get("alloc")));
      if (r == Resource.GPU && !Sparql.string(row.get("model")).isEmpty()) {
        p.gpuModel = Sparql.string(row.get("model"));
      }
    }
    String c = "SELECT ?n ?c WHERE {\n" + Sparql.values("n", nodes) + "?n mor:condition ?c }";
    for (Map<String, Node> row : sparql.select(c)) {
      String cond = Sparql.string(row.get("c"));
      int eq = cond.indexOf('=');
      if (eq > 0) {
        out.computeIfAbsent(row.get("n"), k -> new Parts())
            .conditions
            .put(cond.substring(0, eq), cond.substring(eq + 1));
      }
    }
    return out;
  }

  private static void putIfKnown(Map<Resource, Double> m, Resource r, @Nullable Double v) {
    if (v != null) {
      m.put(r, v);
    }
  }

  private NodeReport report(
      Node n,
      Map<String, Node> row,
      Parts p,
      Map<Resource, UsageReader.Metric> metrics,
      Window w,
      List<String> warnings) {
    Map<Resource, NodeReport.Figures> figures = new EnumMap<>(Resource.class);
    for (Resource r : Resource.values()) {
      Double cap = p.capacity.get(r);
      Double alloc = p.allocatable.get(r);
      if (r == Resource.GPU && cap == null && alloc == null) {
        // the kubelet lists every extended resource a node has: none listed is none
        cap = 0.0;
        alloc = 0.0;
      }
      figures.put(
          r,
          new NodeReport.Figures(
              new Amount(cap, r.amountUnit()),
              new Amount(alloc, r.amountUnit()),
              usage.used(metrics.get(r), r, w, warnings)));
    }
    String ready = p.conditions.get("Ready");
    return new NodeReport(
        Sparql.string(row.get("name")),
        Sparql.string(row.get("id")),
        n.getURI(),
        Sparql.string(row.get("desc")),
        Sparql.instant(row.get("created")),
        Sparql.instant(row.get("st")),
        Sparql.instant(row.get("et")),
        Sparql.string(row.get("arch")),
        Sparql.string(row.get("kernel")),
        Sparql.string(row.get("os")),
        Sparql.string(row.get("osImage")),
        p.gpuModel,
        ready == null
            ? null
            : ready.equals("True") ? Boolean.TRUE : ready.equals("False") ? Boolean.FALSE : null,
        p.conditions,
        figures);
  }
}
