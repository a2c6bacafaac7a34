package io.moraine.graph.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.graph.store.GraphStore;
import io.moraine.graph.store.StoreOptions;
import io.moraine.graph.store.Tdb2GraphStore;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store under steady change is compacted once its files have grown past the threshold. */
class GrowthCompactionTest {
  @TempDir Path dir;

  private static Graph graph(int version) {
    Graph g = GraphMemFactory.createDefaultGraph();
    for (int i = 0; i < 50; i++) {
      g.add(
          Triple.create(
              NodeFactory.createURI("urn:s" + i),
              NodeFactory.createURI("urn:p"),
              NodeFactory.createLiteralString("v" + version + "-" + i)));
    }
    return g;
  }

  @Test
  void compactsAfterGrowthAndNotBefore() {
    try (GraphStore store = Tdb2GraphStore.open(dir, StoreOptions.DEFAULT)) {
      Node g = NodeFactory.createURI("urn:g");
      store.put(g, graph(0), null);
      GrowthCompaction c =
          new GrowthCompaction(store, new GrowthCompaction.Options(1.5, 1, Duration.ofMinutes(1)));
      assertThat(c.check()).as("the first check takes the baseline").isFalse();
      long base = store.stats().diskBytes();
      assertThat(c.check()).as("no growth").isFalse();
      int v = 1;
      while (store.stats().diskBytes() <= base * 1.5) {
        store.put(g, graph(v++), null);
      }
      long grown = store.stats().diskBytes();
      assertThat(c.check()).isTrue();
      assertThat(c.compactions()).isEqualTo(1);
      assertThat(store.stats().diskBytes()).isLessThan(grown);
      assertThat(store.get(g).orElseThrow().graph().isIsomorphicWith(graph(v - 1))).isTrue();
      assertThat(c.check()).as("compacted: the new size is the baseline").isFalse();
    }
  }

  @Test
  void smallGrowthIsLeftAlone() {
    try (GraphStore store = Tdb2GraphStore.open(dir, StoreOptions.DEFAULT)) {
      Node g = NodeFactory.createURI("urn:g");
      GrowthCompaction c =
          new GrowthCompaction(
              store, new GrowthCompaction.Options(1.0, 1L << 40, Duration.ofMinutes(1)));
      c.check();
      for (int v = 0; v < 20; v++) {
        store.put(g, graph(v), null);
      }
      assertThat(c.check()).isFalse();
      assertThat(c.compactions()).isZero();
    }
  }

  @Test
  void badOptionsAreRefused() {
    assertThatThrownBy(() -> new GrowthCompaction.Options(0.5, 1, Duration.ofMinutes(1)))
        .hasMessage("growth factor must be >= 1, got 0.5");
    assertThatThrownBy(() -> new GrowthCompaction.Options(2, -1, Duration.ofMinutes(1)))
        .hasMessage("minimum growth must be >= 0, got -1");
  }
}
