package io.moraine.graph.render;

import io.moraine.kube.model.ClusterState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Golden TriG files (by default under {@code src/test/resources/io/moraine/graph/render/}):
 * rendered datasets are compared graph by graph with Jena's isomorphism; a mismatch lists the
 * missing and the extra triples. Run with {@code -Dmoraine.golden.update=true} to rewrite the files
 * (then read the diff). Public for the golden tests of other packages.
 */
public final class Golden {
  private Golden() {}

  public static final boolean UPDATE = Boolean.getBoolean("moraine.golden.update");
  private static final Path DIR = Path.of("src/test/resources/io/moraine/graph/render");

  static DatasetGraph dataset(MoraineRenderer r, List<Record> objects, ClusterState state) {
    DatasetGraph d = DatasetGraphFactory.create();
    prefixes(d);
    for (Record o : objects) {
      add(d, r.render(o, state));
    }
    return d;
  }

  public static void add(DatasetGraph d, Map<Node, Graph> graphs) {
    for (Map.Entry<Node, Graph> e : graphs.entrySet()) {
      if (d.containsGraph(e.getKey())) {
        throw new AssertionError("graph written twice: " + e.getKey());
      }
      d.addGraph(e.getKey(), e.getValue());
    }
  }

  /** The union of every named graph (for SHACL validation). */
  public static Graph union(DatasetGraph d) {
    Graph g = GraphFactory.createDefaultGraph();
    d.find().forEachRemaining(q -> g.add(q.asTriple()));
    return g;
  }

  public static void prefixes(DatasetGraph d) {
    d.prefixes().add("glc", Vocab.Glc.NS);
    d.prefixes().add("k8s", Vocab.K8s.NS);
    d.prefixes().add("mor", Vocab.Mor.NS);
    d.prefixes().add("dcat", Vocab.Dcat.NS);
    d.prefixes().add("unit", Vocab.Unit.NS);
    d.prefixes().add("xsd", "http://www.w3.org/2001/XMLSchema#");
    d.prefixes().add("site", "https://moraine.local/site/edge-1/");
  }

  /** Compares {@code actual} with the golden file {@code name}.trig; empty when equal. */
  static String compare(String name, DatasetGraph actual) {
    return compare(Golden.class, DIR, name, actual);
  }

  /**
   * Compares {@code actual} with the golden file {@code name}.trig, a class-path resource beside
   * {@code anchor} whose source lies in {@code dir} (relative to the module); empty when equal.
   */
  public static String compare(Class<?> anchor, Path dir, String name, DatasetGraph actual) {
    Path file = dir.resolve(name + ".trig");
    if (UPDATE) {
      try (OutputStream out = Files.newOutputStream(file)) {
        RDFWriter.source(actual).format(RDFFormat.TRIG_PRETTY).output(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    DatasetGraph expected = DatasetGraphFactory.create();
    if (UPDATE) {
      // the classpath copy is stale until the next build: read the file just written
      RDFParser.source(file).lang(Lang.TRIG).parse(expected);
    } else {
      try (InputStream in = anchor.getResourceAsStream(name + ".trig")) {
        if (in == null) {
          return "missing golden " + file + " (run with -Dmoraine.golden.update=true)";
        }
        RDFParser.source(in).lang(Lang.TRIG).parse(expected);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    StringBuilder diff = new StringBuilder();
    TreeSet<String> names = new TreeSet<>();
    expected.listGraphNodes().forEachRemaining(n -> names.add(n.getURI()));
    actual.listGraphNodes().forEachRemaining(n -> names.add(n.getURI()));
    for (String g : names) {
      Node gn = org.apache.jena.graph.NodeFactory.createURI(g);
      Graph e = expected.getGraph(gn);
      Graph a = actual.getGraph(gn);
      if (!e.isIsomorphicWith(a)) {
        diff.append("graph <").append(g).append(">\n");
        for (String t : minus(e, a)) {
          diff.append("  missing ").append(t).append('\n');
        }
        for (String t : minus(a, e)) {
          diff.append("  extra   ").append(t).append('\n');
        }
      }
    }
    return diff.toString();
  }

  private static List<String> minus(Graph a, Graph b) {
    List<String> out = new ArrayList<>();
    for (Iterator<Triple> it = a.find(); it.hasNext(); ) {
      Triple t = it.next();
      if (!b.contains(t)) {
        out.add(NodeFmtLib.str(t));
      }
    }
    out.sort(null);
    return out;
  }
}
