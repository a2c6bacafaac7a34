package io.moraine.graph.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.update.UpdateFactory;
import org.junit.jupiter.api.Test;

/** What every {@link GraphStore} must do; each implementation's test extends this. */
abstract class GraphStoreContract {
  static final String EX = "http://example.org/";
  static final Node G1 = iri("graph/one");
  static final Node G2 = iri("graph/two");
  static final Node P = iri("p");

  /** The store under test, empty at the start of each test. */
  abstract GraphStore store();

  /** Writer iterations of the concurrency test (a remote store is slower). */
  int concurrencyRounds() {
    return 40;
  }

  static Node iri(String local) {
    return NodeFactory.createURI(EX + local);
  }

  static Triple t(String s, String o) {
    return Triple.create(iri(s), P, NodeFactory.createLiteralString(o));
  }

  static Graph graph(Triple... triples) {
    Graph g = GraphFactory.createDefaultGraph();
    for (Triple t : triples) {
      g.add(t);
    }
    return g;
  }

  @Test
  void putThenGetReturnsTheContentAndTheTagPutReturned() {
    Graph content = graph(t("a", "1"), t("b", "2"), t("c", "3"));
    String tag = store().put(G1, content, null);

    Optional<GraphStore.Tagged> got = store().get(G1);
    assertThat(got).isPresent();
    assertThat(got.get().graph().isIsomorphicWith(content)).isTrue();
    assertThat(got.get().etag()).isEqualTo(tag).isNotEmpty();
    assertThat(store().etag(G1)).contains(tag);
    assertThat(store().get(G2)).isEmpty();
    assertThat(store().etag(G2)).isEmpty();
  }

  @Test
  void putReplacesAndChangesTheTagOnlyWhenTheContentChanges() {
    String first = store().put(G1, graph(t("a", "1"), t("b", "2")), null);
    String second = store().put(G1, graph(t("b", "2"), t("c", "3")), null);
    assertThat(second).isNotEqualTo(first);
    assertThat(
            store().get(G1).orElseThrow().graph().isIsomorphicWith(graph(t("b", "2"), t("c", "3"))))
        .isTrue();
    assertThat(store().put(G1, graph(t("c", "3"), t("b", "2")), null)).isEqualTo(second);
    assertThat(store().put(G1, graph(), null)).isEqualTo(GraphStore.NO_TAG);
    assertThat(store().get(G1)).isEmpty();
  }

  @Test
  void mergeAddsTriplesAndKeepsTheOthers() {
    String before = store().put(G1, graph(t("a", "1")), null);
    String after = store().merge(G1, graph(t("a", "1"), t("b", "2")), null);
    assertThat(after).isNotEqualTo(before);
    assertThat(store().get(G1).orElseThrow().graph().size()).isEqualTo(2);
    assertThat(store().merge(G1, graph(t("b", "2")), null)).isEqualTo(after);
    store().merge(G2, graph(t("z", "9")), null);
    assertThat(store().get(G2).orElseThrow().graph().size()).isEqualTo(1);
  }

  @Test
  void deleteRemovesTheGraphAndSaysWhetherItExisted() {
    store().put(G1, graph(t("a", "1")), null);
    store().put(G2, graph(t("b", "1")), null);
    assertThat(store().delete(G1, null)).isTrue();
    assertThat(store().delete(G1, null)).isFalse();
    assertThat(store().get(G1)).isEmpty();
    assertThat(store().get(G2)).isPresent();
  }

  @Test
  void ifMatchGuardsEveryWrite() {
    String tag = store().put(G1, graph(t("a", "1")), null);
    assertThatThrownBy(() -> store().put(G1, graph(t("x", "x")), "stale"))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(tag);
    assertThatThrownBy(() -> store().merge(G1, graph(t("x", "x")), "stale"))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(() -> store().delete(G1, "stale"))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(() -> store().put(G2, graph(t("x", "x")), "*"))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("does not exist");
    assertThat(store().get(G1).orElseThrow().graph().isIsomorphicWith(graph(t("a", "1")))).isTrue();
    assertThat(store().get(G2)).isEmpty();

    String next = store().put(G1, graph(t("a", "2")), tag);
    assertThat(next).isNotEqualTo(tag);
    assertThatThrownBy(() -> store().put(G1, graph(t("a", "3")), tag))
        .isInstanceOf(PreconditionFailedException.class);
    String merged = store().merge(G1, graph(t("b", "2")), "*");
    assertThat(store().delete(G1, merged)).isTrue();
  }

  @Test
  void applyCountsOnlyRealChangesAndRetagsOnlyChangedGraphs() {
    store().put(G1, graph(t("a", "1"), t("b", "2")), null);
    String g2Tag = store().put(G2, graph(t("k", "1")), null);
    String g1Tag = store().etag(G1).orElseThrow();

    long changes =
        store()
            .apply(
                List.of(
                    new GraphStore.Delta(
                        G1,
                        List.of(t("a", "1"), t("absent", "0")),
                        List.of(t("b", "2"), t("d", "4"))),
                    new GraphStore.Delta(G2, List.of(t("nope", "0")), List.of(t("k", "1"))),
                    new GraphStore.Delta(iri("graph/three"), List.of(), List.of(t("e", "5")))));

    assertThat(changes).isEqualTo(3); // delete a, add d, add e
    assertThat(
            store().get(G1).orElseThrow().graph().isIsomorphicWith(graph(t("b", "2"), t("d", "4"))))
        .isTrue();
    assertThat(store().etag(G1).orElseThrow()).isNotEqualTo(g1Tag);
    assertThat(store().etag(G2)).contains(g2Tag);
    assertThat(store().get(iri("graph/three"))).isPresent();
    assertThat(store().apply(List.of(new GraphStore.Delta(G2, List.of(t("k", "1")), List.of()))))
        .isEqualTo(1);
    assertThat(store().get(G2)).isEmpty();
  }

  @Test
  void graphNamesListsExactlyTheGraphsWithTriples() {
    store().put(G1, graph(t("a", "1")), null);
    store().put(G2, graph(t("b", "1")), null);
    store().put(iri("graph/empty"), graph(), null);
    assertThat(store().graphNames()).containsExactlyInAnyOrder(G1, G2);
  }

  @Test
  void queriesSeeTheUnionOfNamedGraphsAsTheDefaultGraph() {
    store().put(G1, graph(t("a", "1"), t("b", "2")), null);
    store().put(G2, graph(t("c", "3")), null);

    assertThat(selectColumn("SELECT ?s { ?s <" + EX + "p> ?o } ORDER BY ?s", "s"))
        .containsExactly(EX + "a", EX + "b", EX + "c");
    assertThat(selectColumn("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", "g"))
        .containsExactly(G1.getURI(), G2.getURI());
    boolean[] ask = new boolean[2];
    store()
        .query(
            QueryFactory.create("ASK { <" + EX + "c> ?p \"3\" }"),
            10_000,
            qe -> ask[0] = qe.execAsk());
    store()
        .query(
            QueryFactory.create("ASK { <" + EX + "c> ?p \"4\" }"),
            10_000,
            qe -> ask[1] = qe.execAsk());
    assertThat(ask).containsExactly(true, false);

    List<Graph> out = new ArrayList<>();
    store()
        .query(
            QueryFactory.create("CONSTRUCT { ?s <" + EX + "q> ?o } WHERE { ?s ?p ?o }"),
            10_000,
            qe -> out.add(qe.execConstruct().getGraph()));
    store()
        .query(
            QueryFactory.create("DESCRIBE <" + EX + "b>"),
            10_000,
            qe -> out.add(qe.execDescribe().getGraph()));
    assertThat(out.get(0).size()).isEqualTo(3);
    assertThat(out.get(0).contains(iri("a"), iri("q"), NodeFactory.createLiteralString("1")))
        .isTrue();
    assertThat(out.get(1).isIsomorphicWith(graph(t("b", "2")))).isTrue();
  }

  List<String> selectColumn(String sparql, String var) {
    List<String> values = new ArrayList<>();
    store()
        .query(
            QueryFactory.create(sparql),
            10_000,
            qe -> {
              ResultSet rs = qe.execSelect();
              rs.forEachRemaining(
                  s -> {
                    Node n = s.get(var).asNode();
                    values.add(n.isLiteral() ? n.getLiteralLexicalForm() : n.toString());
                  });
            });
    return values;
  }

  @Test
  void fromAndFromNamedPickTheGraphsAQuerySees() {
    store().put(G1, graph(t("a", "1")), null);
    store().put(G2, graph(t("b", "2")), null);
    String q = "SELECT ?s { ?s <" + EX + "p> ?o } ORDER BY ?s";
    assertThat(selectColumn(q, "s")).containsExactly(EX + "a", EX + "b");
    assertThat(selectColumn(q.replace("SELECT ?s", "SELECT ?s FROM <urn:none>"), "s")).isEmpty();
    assertThat(selectColumn(q.replace("SELECT ?s", "SELECT ?s FROM <" + G2.getURI() + ">"), "s"))
        .containsExactly(EX + "b");
    String named = "SELECT ?g FROM NAMED <" + G1.getURI() + "> { GRAPH ?g { ?s ?p ?o } }";
    assertThat(selectColumn(named, "g")).containsExactly(G1.getURI());
  }

  @Test
  void updateChangesNamedGraphsAndTheirTags() {
    String tag = store().put(G1, graph(t("a", "1")), null);
    store()
        .update(
            UpdateFactory.create(
                "INSERT DATA { GRAPH <"
                    + G1.getURI()
                    + "> { <"
                    + EX
                    + "b> <"
                    + EX
                    + "p> \"2\" } }"),
            10_000);
    assertThat(store().get(G1).orElseThrow().graph().size()).isEqualTo(2);
    String afterInsert = store().etag(G1).orElseThrow();
    assertThat(afterInsert).isNotEqualTo(tag);

    store()
        .update(
            UpdateFactory.create(
                "DELETE { GRAPH ?g { ?s ?p ?o } } INSERT { GRAPH <"
                    + G2.getURI()
                    + "> { ?s ?p ?o } } WHERE { ?s ?p \"1\" . GRAPH ?g { ?s ?p ?o } }"),
            10_000);
    assertThat(store().get(G1).orElseThrow().graph().isIsomorphicWith(graph(t("b", "2")))).isTrue();
    assertThat(store().get(G2).orElseThrow().graph().isIsomorphicWith(graph(t("a", "1")))).isTrue();
    assertThat(store().etag(G1).orElseThrow()).isNotEqualTo(afterInsert);
  }

  @Test
  void updatesThatWriteTheDefaultGraphAreRefusedBeforeTheyRun() {
    store().put(G1, graph(t("a", "1")), null);
    for (String bad :
        List.of(
            "INSERT DATA { <" + EX + "x> <" + EX + "p> 1 }",
            "INSERT DATA { GRAPH <"
                + G2.getURI()
                + "> { <"
                + EX
                + "x> <"
                + EX
                + "p> 1 } } ;"
                + " DELETE WHERE { ?s ?p ?o }",
            "CLEAR DEFAULT",
            "DROP ALL",
            "COPY DEFAULT TO <" + G2.getURI() + ">")) {
      assertThatThrownBy(() -> store().update(UpdateFactory.create(bad), 10_000))
          .as(bad)
          .isInstanceOf(InvalidWriteException.class)
          .hasMessageContaining("default graph");
    }
    assertThat(store().graphNames()).containsExactly(G1);
    store().update(UpdateFactory.create("DROP NAMED"), 10_000);
    assertThat(store().graphNames()).isEmpty();
  }

  @Test
  void aHeavyQueryPastItsTimeoutFailsWithQueryTimeoutException() {
    Graph big = GraphFactory.createDefaultGraph();
    for (int i = 0; i < 300; i++) {
      big.add(t("s" + i, "v" + i));
    }
    store().put(G1, big, null);
    assertThatThrownBy(
            () ->
                store()
                    .query(
                        QueryFactory.create(
                            "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"),
                        1,
                        qe -> qe.execSelect().forEachRemaining(r -> {})))
        .isInstanceOf(QueryTimeoutException.class);
    assertThat(selectColumn("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "n").getFirst())
        .isEqualTo("300");
  }

  @Test
  void readersNeverSeeHalfAPut() throws Exception {
    int size = 50;
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong reads = new AtomicLong();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    store().put(G1, version(0, size), null);
    Thread writer =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    for (int i = 1; i <= concurrencyRounds(); i++) {
                      store().put(G1, version(i, size), null);
                      store()
                          .apply(
                              List.of(
                                  new GraphStore.Delta(G2, List.of(), List.of(t("w" + i, "x")))));
                    }
                  } catch (RuntimeException e) {
                    failures.add("writer: " + e);
                  } finally {
                    done.set(true);
                  }
                });
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      readers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!done.get()) {
                      Graph g = store().get(G1).orElseThrow().graph();
                      List<String> versions = new ArrayList<>();
                      g.find()
                          .forEachRemaining(
                              tr -> versions.add(tr.getObject().getLiteralLexicalForm()));
                      if (g.size() != size || versions.stream().distinct().count() != 1) {
                        failures.add("saw " + g.size() + " triples of versions " + versions);
                      }
                      reads.incrementAndGet();
                    }
                  }));
    }
    writer.join();
    for (Thread r : readers) {
      r.join();
    }
    assertThat(failures).isEmpty();
    assertThat(reads.get()).isPositive();
    assertThat(store().get(G2).orElseThrow().graph().size()).isEqualTo(concurrencyRounds());
  }

  private static Graph version(int v, int size) {
    Graph g = GraphFactory.createDefaultGraph();
    for (int i = 0; i < size; i++) {
      g.add(t("s" + i, Integer.toString(v)));
    }
    return g;
  }
}
