package io.moraine.graph.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.atlas.web.HttpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real Fuseki (child JVM, basic auth on), plus what is remote-only. */
class RemoteGraphStoreTest extends GraphStoreContract {
  @TempDir static Path work;
  private static FusekiProcess fuseki;
  private RemoteGraphStore store;

  @BeforeAll
  static void startFuseki() throws Exception {
    fuseki = FusekiProcess.start(work, true);
  }

  @AfterAll
  static void stopFuseki() {
    fuseki.close();
  }

  @BeforeEach
  void connect() {
    store =
        RemoteGraphStore.connect(
            RemoteOptions.fuseki(fuseki.dataset())
                .withBasicAuth(FusekiProcess.USER, FusekiProcess.PASSWORD));
    for (var g : store.graphNames()) {
      store.delete(g, null);
    }
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
  void wrongCredentialsAreRefusedByTheServer() {
    try (RemoteGraphStore anonymous =
        RemoteGraphStore.connect(RemoteOptions.fuseki(fuseki.dataset()).withBasicAuth("x", "y"))) {
      assertThatThrownBy(() -> anonymous.put(G1, graph(t("a", "1")), null))
          .isInstanceOf(HttpException.class)
          .satisfies(e -> assertThat(((HttpException) e).getStatusCode()).isEqualTo(401));
    }
    assertThat(store.graphNames()).isEmpty();
  }

  @Test
  void statsAndTheReadViewComeFromTheServer() {
    store.put(G1, graph(t("a", "1"), t("b", "2")), null);
    store.put(G2, graph(t("c", "3")), null);
    assertThat(store.stats()).isEqualTo(new GraphStore.Stats(3, 2, -1));
    long[] seen = new long[2];
    store.read(
        dsg -> {
          seen[0] = dsg.getDefaultGraph().size();
          seen[1] = dsg.getGraph(G1).size();
        });
    assertThat(seen).containsExactly(3, 2);
  }

  @Test
  void deltasWithBlankNodesAreRefused() {
    var blank = org.apache.jena.graph.NodeFactory.createBlankNode();
    var triple = org.apache.jena.graph.Triple.create(blank, P, iri("o"));
    assertThatThrownBy(
            () -> store.apply(List.of(new GraphStore.Delta(G1, List.of(), List.of(triple)))))
        .isInstanceOf(InvalidWriteException.class)
        .hasMessageContaining("blank");
  }
}
