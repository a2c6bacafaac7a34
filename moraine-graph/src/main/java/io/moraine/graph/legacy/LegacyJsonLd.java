package io.moraine.graph.legacy;

import io.moraine.graph.legacy.JsonText.RawNumber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;

/**
 * Writes a legacy snapshot as the JSON-LD document the original exporter PATCHed to the metadata
 * service: its exact {@code @context} (with the {@code glc} entry that JSON-LD 1.1 does not treat
 * as a prefix, so {@code glc:...} terms stay the pseudo-IRIs they are in the graph), resources,
 * vocabulary and tasks at the top level, statuses, measurements and constraints embedded in their
 * single parent, several values of one property as {@code @set}. JSON-LD 1.1 processing of the
 * result gives back exactly the graph's triples. Thread-safe (stateless).
 */
public final class LegacyJsonLd {
  private static final Set<Node> EMBEDDING =
      Set.of(
          LegacyVocabulary.HAS_STATUS,
          LegacyVocabulary.HAS_MEASUREMENT,
          LegacyVocabulary.HAS_CONSTRAINT);

  private LegacyJsonLd() {}

  /**
   * The JSON-LD document of {@code graph} with the original context, {@code cluster:} bound to
   * {@code clusterNamespace} (see {@link LegacyRenderer#clusterNamespace}).
   */
  public static String toJsonLd(Graph graph, String clusterNamespace) {
    Map<String, String> prefixes = new LinkedHashMap<>();
    prefixes.put("k8s", LegacyVocabulary.K8S);
    prefixes.put("glc", LegacyVocabulary.GLC_CONTEXT_IRI);
    prefixes.put("cluster", clusterNamespace);
    prefixes.put("rdf", LegacyVocabulary.RDF_NS);

    Map<Node, List<Triple>> bySubject = new TreeMap<>(LegacyJsonLd::compareNodes);
    Map<Node, Node> parentOf = new HashMap<>();
    Map<Node, Integer> embeddingRefs = new HashMap<>();
    graph
        .find()
        .forEachRemaining(
            t -> {
              bySubject.computeIfAbsent(t.getSubject(), k -> new ArrayList<>()).add(t);
              if (EMBEDDING.contains(t.getPredicate()) && t.getObject().isURI()) {
                embeddingRefs.merge(t.getObject(), 1, Integer::sum);
                parentOf.put(t.getObject(), t.getSubject());
              }
            });
    Set<Node> embedded = new TreeSet<>(LegacyJsonLd::compareNodes);
    embeddingRefs.forEach(
        (n, count) -> {
          if (count == 1 && bySubject.containsKey(n) && !n.equals(parentOf.get(n))) {
            embedded.add(n);
          }
        });

    Writer w = new Writer(prefixes, bySubject, embedded);
    List<Object> top = new ArrayList<>();
    for (Node s : bySubject.keySet()) {
      if (!embedded.contains(s)) {
        top.add(w.nodeObject(s));
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("@context", new LinkedHashMap<String, Object>(prefixes));
    doc.put("@graph", top);
    return JsonText.write(doc);
  }

  private static int compareNodes(Node a, Node b) {
    return a.toString().compareTo(b.toString());
  }

  /** Builds node objects; embeds each embeddable node once, under its parent. */
  private record Writer(
      Map<String, String> prefixes, Map<Node, List<Triple>> bySubject, Set<Node> embedded) {

    Map<String, Object> nodeObject(Node s) {
      Map<String, Object> obj = new LinkedHashMap<>();
      obj.put("@id", compact(s));
      List<Object> types = new ArrayList<>();
      Map<String, List<Object>> props = new TreeMap<>();
      for (Triple t : bySubject.getOrDefault(s, List.of())) {
        Node p = t.getPredicate();
        Node o = t.getObject();
        if (p.equals(RDF.type.asNode()) && o.isURI()) {
          types.add(compact(o));
        } else {
          props.computeIfAbsent(compact(p), k -> new ArrayList<>()).add(value(p, o));
        }
      }
      if (!types.isEmpty()) {
        obj.put("@type", types.size() == 1 ? types.get(0) : types);
      }
      props.forEach(
          (k, vs) -> obj.put(k, vs.size() == 1 ? vs.get(0) : Map.of("@set", sortValues(vs))));
      return obj;
    }

    private Object value(Node p, Node o) {
      if (o.isURI()) {
        if (EMBEDDING.contains(p) && embedded.contains(o)) {
          return nodeObject(o);
        }
        return Map.of("@id", compact(o));
      }
      if (o.isBlank()) {
        return Map.of("@id", "_:" + o.getBlankNodeLabel());
      }
      String lex = o.getLiteralLexicalForm();
      String dt = o.getLiteralDatatypeURI();
      if (!o.getLiteralLanguage().isEmpty()) {
        return ordered("@value", lex, "@language", o.getLiteralLanguage());
      }
      if (XSDDatatype.XSDstring.getURI().equals(dt)) {
        return lex;
      }
      if (XSDDatatype.XSDinteger.getURI().equals(dt) && lex.matches("-?(0|[1-9][0-9]*)")) {
        return new RawNumber(lex);
      }
      return ordered("@value", lex, "@type", dt);
    }

    private static List<Object> sortValues(List<Object> values) {
      List<Object> sorted = new ArrayList<>(values);
      sorted.sort((a, b) -> JsonText.write(a).compareTo(JsonText.write(b)));
      return sorted;
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(k1, v1);
      m.put(k2, v2);
      return m;
    }

    /** {@code prefix:suffix} for the context's real prefixes; any other IRI as it is. */
    String compact(Node iri) {
      String uri = iri.getURI();
      for (Map.Entry<String, String> e : prefixes.entrySet()) {
        String ns = e.getValue();
        boolean usable = ns.endsWith("#") || ns.endsWith("/");
        if (usable && uri.startsWith(ns) && uri.length() > ns.length()) {
          String suffix = uri.substring(ns.length());
          if (!suffix.startsWith("//")) {
            return e.getKey() + ":" + suffix;
          }
        }
      }
      return uri;
    }
  }
}
