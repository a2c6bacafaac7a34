package io.moraine.graph.sites;

import io.moraine.graph.render.IriSegments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads workloads from the state graphs: identity and status in one query, then the soft (requests)
 * and hard (limits) constraints and the pods' nodes of all of them in one query each, then the
 * usage. A listing leaves out workloads another workload controls (a Deployment's ReplicaSets, a
 * CronJob's Jobs), whose pods and usage their owner already reports.
 */
final class WorkloadReader {
  /** The kinds one {@code ns/name} may name, in the order a name clash is resolved. */
  private static final List<String> KINDS =
      List.of("Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job", "ReplicaSet");

  private final Sparql sparql;
  private final UsageReader usage;
  private final String base;

  WorkloadReader(Sparql sparql, UsageReader usage, String base) {
    this.sparql = sparql;
    this.usage = usage;
    this.base = base;
  }

  /**
   * The workloads that existed during {@code w}, sorted by namespace, name and kind: every
   * top-level one, or those of any kind named {@code ns/name} when {@code ns} is not null.
   */
  List<WorkloadReport> read(
      @Nullable String ns, @Nullable String name, Window w, List<String> warnings) {
    String select;
    if (ns != null && name != null) {
      List<Node> candidates = new ArrayList<>();
      for (String kind : KINDS) {
        candidates.add(NodeFactory.createURI(iri(ns, kind, name)));
      }
      select = Sparql.values("w", candidates);
    } else {
      select = "FILTER NOT EXISTS { ?w mor:owner ?owner . ?owner a k8s:Workload }\n";
    }
    String q =
        "SELECT ?w ?name ?kind ?id ?desc ?st ?et ?created WHERE {\n"
            + select
            + "?w a k8s:Workload ; mor:name ?name ; mor:kind ?kind ; glc:hasID ?id .\n"
            + "FILTER(STRSTARTS(STR(?w), "
            + Sparql.text(base + "workload/")
            + "))\n"
            + Existence.filter("w", w, "st", "created")
            + "} ORDER BY ?id";
    Map<Node, Map<String, Node>> found = new LinkedHashMap<>();
    for (Map<String, Node> row : sparql.select(q)) {
      found.putIfAbsent(row.get("w"), row);
    }
    if (found.isEmpty()) {
      return List.of();
    }
    List<Node> iris = found.keySet().stream().toList();
    Map<Node, Map<Resource, Constraint>> constraints = constraints(iris);
    Map<Node, List<RunsOn>> runsOn = runsOn(iris, w);
    Map<Node, Map<Resource, UsageReader.Metric>> metrics = usage.metrics(iris);
    List<WorkloadReport> out = new ArrayList<>();
    for (Map.Entry<Node, Map<String, Node>> e : found.entrySet()) {
      Node wl = e.getKey();
      out.add(
          report(
              wl,
              e.getValue(),
              constraints.getOrDefault(wl, Map.of()),
              runsOn.getOrDefault(wl, List.of()),
              metrics.getOrDefault(wl, Map.of()),
              w,
              warnings));
    }
    if (ns != null) {
      out.sort((a, b) -> Integer.compare(KINDS.indexOf(a.kind()), KINDS.indexOf(b.kind())));
    }
    return out;
  }

  private String iri(String ns, String kind, String name) {
    return base
        + "workload/"
        + IriSegments.encode(ns)
        + "/"
        + kind.toLowerCase(Locale.ROOT)
        + "/"
        + IriSegments.encode(name);
  }

  /** A resource's request and limit. */
  private static final class Constraint {
    @Nullable Double request;
    @Nullable Double limit;
  }

  /** When a workload's pods ran on one node. */
  private static final class Span {
    Instant start;
    @Nullable Instant end;

    Span(Instant start, @Nullable Instant end) {
      this.start = start;
      this.end = end;
    }
  }

  /** Requests and limits per workload and resource. */
  private Map<Node, Map<Resource, Constraint>> constraints(List<Node> workloads) {
    String q =
        "SELECT ?w ?hard ?r ?v WHERE {\n"
            + Sparql.values("w", workloads)
            + "?w glc:hasConstraint ?c . ?c mor:resource ?r ; glc:hasValue ?v .\n"
            + "{ ?c a glc:SoftConstraint BIND(false AS ?hard) }\n"
            + "UNION { ?c a glc:HardConstraint BIND(true AS ?hard) }\n"
            + "}";
    Map<Node, Map<Resource, Constraint>> out = new HashMap<>();
    for (Map<String, Node> row : sparql.select(q)) {
      Resource r = Resource.ofKubernetes(Sparql.string(row.get("r")));
      Double v = Sparql.number(row.get("v"));
      if (r == null || v == null) {
        continue;
      }
      Constraint c =
          out.computeIfAbsent(row.get("w"), k -> new EnumMap<>(Resource.class))
              .computeIfAbsent(r, k -> new Constraint());
      if (Sparql.string(row.get("hard")).equals("true")) {
        c.limit = v;
      } else {
        c.request = v;
      }
    }
    return out;
  }

  /**
   * Per workload, the nodes its pods (those it owns or heads the owner chain of) ran on during
   * {@code w}: the earliest start and the latest end of those pods, no end while one runs.
   */
  private Map<Node, List<RunsOn>> runsOn(List<Node> workloads, Window w) {
    String q =
        "SELECT ?w ?node ?st ?et WHERE {\n"
            + Sparql.values("w", workloads)
            + "?p a k8s:POD ; glc:consumes ?node ; glc:hasStatus ?s .\n"
            + "{ ?p mor:workload ?w } UNION { ?p mor:owner ?w }\n"
            + "?s glc:startTime ?st .\n"
            + "OPTIONAL { ?s glc:endTime ?et }\n"
            + "FILTER(?st <= "
            + Sparql.time(w.end())
            + " && (!BOUND(?et) || ?et >= "
            + Sparql.time(w.start())
            + "))\n"
            + "}";
    String nodePrefix = base + "node/";
    Map<Node, Map<String, Span>> spans = new HashMap<>();
    for (Map<String, Node> row : sparql.select(q)) {
      Node node = row.get("node");
      Instant st = Sparql.instant(row.get("st"));
      if (node == null || !node.isURI() || !node.getURI().startsWith(nodePrefix) || st == null) {
        continue;
      }
      String name = IriSegments.decode(node.getURI().substring(nodePrefix.length()));
      Instant et = Sparql.instant(row.get("et"));
      Map<String, Span> byNode = spans.computeIfAbsent(row.get("w"), k -> new TreeMap<>());
      Span span = byNode.get(name);
      if (span == null) {
        byNode.put(name, new Span(st, et));
        continue;
      }
      if (st.isBefore(span.start)) {
        span.start = st;
      }
      // an open pod keeps the span open; otherwise the latest end wins
      Instant end = span.end;
      if (end != null && (et == null || et.isAfter(end))) {
        span.end = et;
      }
    }
    Map<Node, List<RunsOn>> out = new HashMap<>();
    spans.forEach(
        (wl, byNode) -> {
          List<RunsOn> list = new ArrayList<>();
          byNode.forEach((node, span) -> list.add(new RunsOn(node, span.start, span.end)));
          out.put(wl, list);
        });
    return out;
  }

  private WorkloadReport report(
      Node wl,
      Map<String, Node> row,
      Map<Resource, Constraint> constraints,
      List<RunsOn> runsOn,
      Map<Resource, UsageReader.Metric> metrics,
      Window w,
      List<String> warnings) {
    Map<Resource, WorkloadReport.Figures> figures = new EnumMap<>(Resource.class);
    for (Resource r : Resource.values()) {
      Constraint c = constraints.getOrDefault(r, new Constraint());
      figures.put(
          r,
          new WorkloadReport.Figures(
              new Amount(c.request, r.amountUnit()),
              new Amount(c.limit, r.amountUnit()),
              usage.used(metrics.get(r), r, w, warnings)));
    }
    String id = Sparql.string(row.get("id"));
    String[] parts = id.split("/", -1);
    String namespace = parts.length == 4 ? IriSegments.decode(parts[1]) : "";
    Instant start = Sparql.instant(row.get("st"));
    return new WorkloadReport(
        namespace,
        Sparql.string(row.get("name")),
        Sparql.string(row.get("kind")),
        id,
        wl.getURI(),
        Sparql.string(row.get("desc")),
        start != null ? start : Sparql.instant(row.get("created")),
        Sparql.instant(row.get("et")),
        runsOn,
        figures);
  }
}
