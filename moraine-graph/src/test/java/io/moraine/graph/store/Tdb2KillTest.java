package io.moraine.graph.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.testkit.process.KilledChild;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: a child JVM puts graphs in a loop and acknowledges each on stdout after {@code put}
 * returns; it is killed with SIGKILL mid-write; after reopening, every acknowledged graph is there
 * whole with a tag, and no graph is there in part.
 */
class Tdb2KillTest {
  static final int TRIPLES = 20;
  @TempDir Path dir;

  @Test
  void acknowledgedPutsSurviveKill9() throws Exception {
    int lastAck =
        KilledChild.runAndKill(
            Child.class, List.of(dir.toString()), "ACK ", 60, Duration.ofSeconds(120));
    assertThat(lastAck).as("child acknowledged puts").isGreaterThanOrEqualTo(20);

    try (Tdb2GraphStore store = Tdb2GraphStore.open(dir, StoreOptions.DEFAULT)) {
      for (int i = 0; i <= lastAck; i++) {
        var got = store.get(name(i));
        assertThat(got).as("acknowledged graph %d", i).isPresent();
        assertThat(got.get().graph().isIsomorphicWith(content(i))).as("graph %d whole", i).isTrue();
      }
      for (Node g : store.graphNames()) {
        int i = Integer.parseInt(g.getURI().substring(g.getURI().lastIndexOf('/') + 1));
        assertThat(store.get(g).orElseThrow().graph().size())
            .as("graph %d complete", i)
            .isEqualTo(TRIPLES);
      }
      assertThat(store.stats().quads()).isEqualTo((long) store.graphNames().size() * TRIPLES);
    }
  }

  static Node name(int i) {
    return NodeFactory.createURI("https://moraine.local/site/kill/graph/workload/" + i);
  }

  static Graph content(int i) {
    Graph g = GraphFactory.createDefaultGraph();
    for (int k = 0; k < TRIPLES; k++) {
      g.add(
          Triple.create(
              NodeFactory.createURI("https://moraine.local/e/" + i + "/" + k),
              NodeFactory.createURI("https://moraine.local/p"),
              NodeFactory.createLiteralString("v" + i)));
    }
    return g;
  }

  /** The child: puts graph after graph until killed. */
  public static final class Child {
    private Child() {}

    public static void main(String[] args) {
      Tdb2GraphStore store = Tdb2GraphStore.open(Path.of(args[0]), StoreOptions.DEFAULT);
      for (int i = 0; ; i++) {
        store.put(name(i), content(i), null);
        System.out.println("ACK " + i);
        System.out.flush();
      }
    }
  }
}
