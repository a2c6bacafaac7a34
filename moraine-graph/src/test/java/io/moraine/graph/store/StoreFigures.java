package io.moraine.graph.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Measures, on a fresh TDB2 store in a temporary directory: {@code put} of a 200-triple graph (each
 * put changes every triple) and {@code apply} of a 10-triple delta (5 deletes, 5 adds), as
 * operations per second, each op one committed transaction. Run after {@code test-compile}: {@code
 * ./mvnw -o -q -pl moraine-graph dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * -Dmdep.includeScope=test; java -cp
 * moraine-graph/target/test-classes:moraine-graph/target/classes:$(cat /tmp/cp.txt)
 * io.moraine.graph.store.StoreFigures 10}.
 */
public final class StoreFigures {
  private StoreFigures() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
    Path dir = Files.createTempDirectory("graph-figures");
    try (Tdb2GraphStore store = Tdb2GraphStore.open(dir, StoreOptions.DEFAULT)) {
      Node p = NodeFactory.createURI("https://moraine.local/p");
      Node g = NodeFactory.createURI("https://moraine.local/graph/put");
      long ops = 0;
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      long start = System.nanoTime();
      while (System.nanoTime() < end) {
        Graph content = GraphFactory.createDefaultGraph();
        for (int k = 0; k < 200; k++) {
          content.add(
              Triple.create(
                  NodeFactory.createURI("https://moraine.local/e/" + k),
                  p,
                  NodeFactory.createLiteralString("v" + ops)));
        }
        store.put(g, content, null);
        ops++;
      }
      double putRate = ops / ((System.nanoTime() - start) / 1e9);

      Node d = NodeFactory.createURI("https://moraine.local/graph/delta");
      ops = 0;
      end = System.nanoTime() + seconds * 1_000_000_000L;
      start = System.nanoTime();
      while (System.nanoTime() < end) {
        List<Triple> dels = new ArrayList<>();
        List<Triple> adds = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
          Node s = NodeFactory.createURI("https://moraine.local/d/" + k);
          dels.add(Triple.create(s, p, NodeFactory.createLiteralString("v" + (ops - 1))));
          adds.add(Triple.create(s, p, NodeFactory.createLiteralString("v" + ops)));
        }
        store.apply(List.of(new GraphStore.Delta(d, dels, adds)));
        ops++;
      }
      double applyRate = ops / ((System.nanoTime() - start) / 1e9);
      System.out.printf(
          "put 200 triples: %.1f ops/s; apply 10-triple delta: %.1f ops/s; store %d bytes%n",
          putRate, applyRate, store.stats().diskBytes());
    }
  }
}
