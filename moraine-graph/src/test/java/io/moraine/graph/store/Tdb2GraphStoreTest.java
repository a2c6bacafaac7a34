package io.moraine.graph.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Tdb2GraphStoreTest extends GraphStoreContract {
  @TempDir Path dir;
  private Tdb2GraphStore store;

  @BeforeEach
  void open() {
    store = Tdb2GraphStore.open(dir, StoreOptions.DEFAULT);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  GraphStore store() {
    return store;
  }

  @Test
  void theBookkeepingIsHiddenFromQueriesAndFromTheReadView() {
    store.put(G1, graph(t("a", "1"), t("b", "2")), null);
    store.put(G2, graph(t("c", "3")), null);
    assertThat(selectColumn("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "n").getFirst()).isEqualTo("3");
    assertThat(selectColumn("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }", "n").getFirst())
        .isEqualTo("3");
    long[] seen = new long[3];
    store.read(
        dsg -> {
          seen[0] = dsg.getDefaultGraph().size();
          dsg.find().forEachRemaining(q -> seen[1]++);
          seen[2] = dsg.find(Quad.defaultGraphIRI, Node.ANY, Node.ANY, Node.ANY).hasNext() ? 1 : 0;
        });
    assertThat(seen).containsExactly(3, 3, 1);
  }

  @Test
  void statsCountQuadsAndGraphsExactlyThroughEveryKindOfWrite() {
    store.put(G1, graph(t("a", "1"), t("b", "2")), null);
    store.merge(G2, graph(t("c", "3"), t("d", "4")), null);
    store.apply(List.of(new GraphStore.Delta(G1, List.of(t("a", "1")), List.of(t("e", "5")))));
    store.update(
        org.apache.jena.update.UpdateFactory.create(
            "INSERT DATA { GRAPH <" + EX + "graph/u> { <" + EX + "x> <" + EX + "p> 1, 2 } }"),
        10_000);
    store.delete(G2, null);
    GraphStore.Stats s = store.stats();
    assertThat(s.quads()).isEqualTo(4);
    assertThat(s.graphs()).isEqualTo(2);
    assertThat(s.diskBytes()).isPositive();
  }

  @Test
  void tagsAndDataSurviveReopenAndCompaction() {
    Graph content = graph(t("a", "1"), t("b", "2"));
    String tag = store.put(G1, content, null);
    for (int i = 0; i < 50; i++) {
      store.put(G2, graph(t("x" + i, "y")), null);
    }
    store.compact();
    assertThat(store.etag(G1)).contains(tag);
    store.close();
    store = Tdb2GraphStore.open(dir, StoreOptions.DEFAULT);
    assertThat(store.get(G1).orElseThrow().etag()).isEqualTo(tag);
    assertThat(store.get(G1).orElseThrow().graph().isIsomorphicWith(content)).isTrue();
    assertThat(store.stats().quads()).isEqualTo(3);
    String next = store.merge(G1, graph(t("c", "3")), tag);
    assertThat(next).isNotEqualTo(tag);
  }
}
