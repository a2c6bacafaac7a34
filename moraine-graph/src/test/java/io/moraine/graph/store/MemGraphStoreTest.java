package io.moraine.graph.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;

/** The test store keeps the GraphStore contract where the exporter tests rely on it. */
class MemGraphStoreTest {
  private static final Node G = NodeFactory.createURI("timestamp:1");
  private static final Triple T =
      Triple.create(
          NodeFactory.createURI("urn:s"),
          NodeFactory.createURI("urn:p"),
          NodeFactory.createLiteralString("o"));

  private static Graph one() {
    Graph g = GraphFactory.createDefaultGraph();
    g.add(T);
    return g;
  }

  @Test
  void tagsChangeWithEveryWriteAndIfMatchGuardsWrites() {
    try (MemGraphStore store = new MemGraphStore()) {
      assertThat(store.etag(G)).isEmpty();
      assertThatThrownBy(() -> store.put(G, one(), "*"))
          .isInstanceOf(PreconditionFailedException.class);
      String first = store.put(G, one(), null);
      String second = store.merge(G, one(), first);
      assertThat(second).isNotEqualTo(first);
      assertThatThrownBy(() -> store.delete(G, first))
          .isInstanceOf(PreconditionFailedException.class);
      assertThat(store.get(G)).map(GraphStore.Tagged::etag).contains(second);
      assertThat(store.delete(G, second)).isTrue();
      assertThat(store.delete(G, null)).isFalse();
      assertThat(store.graphNames()).isEmpty();
    }
  }

  @Test
  void applyCountsOnlyRealChanges() {
    try (MemGraphStore store = new MemGraphStore()) {
      long n = store.apply(List.of(new GraphStore.Delta(G, List.of(T), List.of(T, T))));
      assertThat(n).isEqualTo(1);
      assertThat(store.apply(List.of(new GraphStore.Delta(G, List.of(), List.of(T))))).isZero();
      assertThat(store.stats().quads()).isEqualTo(1);
    }
  }
}
