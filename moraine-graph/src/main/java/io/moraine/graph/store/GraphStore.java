package io.moraine.graph.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.update.UpdateRequest;
import org.jspecify.annotations.Nullable;

/**
 * A dataset of named graphs (subgraphs) that the exporter and the metadata service share. Every
 * method is one transaction: readers see a graph either before or after a write, never half of it;
 * a write acknowledged survives {@code kill -9} (embedded store).
 *
 * <p>Each named graph has an entity tag: an opaque token without quotes (the HTTP layer adds them)
 * that changes whenever a write changes the graph's triples; a write that changes nothing leaves it
 * as it was. A graph without triples does not exist and has no tag; a write that leaves a graph
 * empty returns {@link #NO_TAG}. {@code ifMatch} (non-null) makes a write fail with {@link
 * PreconditionFailedException} unless the graph exists and its tag is that one ({@code "*"}: the
 * graph exists).
 *
 * <p>Only named graphs are stored: graph names are IRIs, and writes to the default graph are
 * refused with {@link InvalidWriteException}. Queries see the default graph as the union of the
 * named graphs. Implementations are thread-safe; the caller closes the store.
 */
public interface GraphStore extends AutoCloseable {

  /** The tag a write returns when it leaves the graph without triples. */
  String NO_TAG = "";

  /** A graph's content (owned by the caller) with its entity tag. */
  record Tagged(Graph graph, String etag) {}

  /** The named graph {@code name} (a copy), or empty when it has no triples. */
  Optional<Tagged> get(Node name);

  /** The tag of {@code name}, or empty when it has no triples. */
  Optional<String> etag(Node name);

  /** Replaces {@code name}'s triples with {@code content}; returns the new tag. */
  String put(Node name, Graph content, @Nullable String ifMatch);

  /** Adds {@code content}'s triples to {@code name}; returns the new tag. */
  String merge(Node name, Graph content, @Nullable String ifMatch);

  /** Removes the named graph; false when it had no triples. */
  boolean delete(Node name, @Nullable String ifMatch);

  /**
   * Applies a delta to several named graphs in one transaction: deletes first, then adds. Returns
   * the number of quads that changed the store (a delete of an absent quad or an add of a present
   * one does not count); only graphs that changed get a new tag.
   */
  long apply(List<Delta> deltas);

  /** The triples to remove from and add to one named graph. */
  record Delta(Node graph, List<Triple> deletes, List<Triple> adds) {}

  /** Every named graph's name. */
  List<Node> graphNames();

  /**
   * Runs {@code action} over a read-only view of the whole dataset (named graphs, and the default
   * graph as their union) inside one read transaction; the view must not escape it.
   */
  void read(Consumer<DatasetGraph> action);

  /**
   * Runs a SPARQL query in a read transaction, handing its execution to {@code consumer} (which
   * serializes the results before returning; the execution is closed afterwards). {@code
   * timeoutMillis} bounds the whole execution: past it the consumer's iteration fails and this
   * method throws {@link QueryTimeoutException}.
   */
  void query(
      Query query, long timeoutMillis, Consumer<org.apache.jena.query.QueryExecution> consumer);

  /**
   * Runs a SPARQL Update in one write transaction; the tags of the graphs it changed change. An
   * update that would write the default graph ({@code INSERT DATA} outside {@code GRAPH}, {@code
   * CLEAR DEFAULT}, {@code DROP ALL}, {@code LOAD} without {@code INTO}...) is refused with {@link
   * InvalidWriteException} before it runs. Past {@code timeoutMillis} nothing is written and {@link
   * QueryTimeoutException} is thrown.
   */
  void update(UpdateRequest update, long timeoutMillis);

  /**
   * Store figures for {@code /metrics}: triples (quads) stored, named graphs, bytes on disk (-1
   * remote).
   */
  record Stats(long quads, long graphs, long diskBytes) {}

  /** The store's figures; cheap enough for every scrape (embedded store). */
  Stats stats();

  /**
   * Reclaims space (TDB2 compaction: a new generation is written and the old one deleted; a no-op
   * remotely). Blocks until done; other operations wait or proceed as the store allows.
   */
  void compact();

  @Override
  void close();
}
