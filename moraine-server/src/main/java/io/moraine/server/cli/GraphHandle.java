package io.moraine.server.cli;

import io.moraine.core.time.Clock;
import io.moraine.graph.store.GraphStore;
import io.moraine.server.store.NotReadyException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.update.UpdateRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's graph store with its lifecycle: every call before {@link #open} returns or after
 * {@link #close} began throws {@link NotReadyException} (503). Thread-safe; {@link #close} waits
 * for an {@link #open} in progress.
 */
final class GraphHandle implements GraphStore {
  private static final Logger LOG = LoggerFactory.getLogger(GraphHandle.class);

  private final Supplier<GraphStore> opener;
  private final Clock clock;
  private volatile @Nullable GraphStore store;

  /** Guarded by this. */
  private boolean closed;

  GraphHandle(Supplier<GraphStore> opener, Clock clock) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  synchronized void open() {
    if (closed) {
      throw new IllegalStateException("the graph store was closed before it was opened");
    }
    if (store != null) {
      throw new IllegalStateException("BUG: graph store opened twice");
    }
    long start = clock.nanoTime();
    store = Objects.requireNonNull(opener.get(), "opener returned null");
    LOG.atInfo()
        .addKeyValue("duration_ms", (clock.nanoTime() - start) / 1_000_000)
        .log("graph store open");
  }

  boolean isReady() {
    return store != null;
  }

  private GraphStore store() {
    GraphStore s = store;
    if (s == null) {
      throw new NotReadyException("the graph store is not ready");
    }
    return s;
  }

  @Override
  public Optional<Tagged> get(Node name) {
    return store().get(name);
  }

  @Override
  public Optional<String> etag(Node name) {
    return store().etag(name);
  }

  @Override
  public String put(Node name, Graph content, @Nullable String ifMatch) {
    return store().put(name, content, ifMatch);
  }

  @Override
  public String merge(Node name, Graph content, @Nullable String ifMatch) {
    return store().merge(name, content, ifMatch);
  }

  @Override
  public boolean delete(Node name, @Nullable String ifMatch) {
    return store().delete(name, ifMatch);
  }

  @Override
  public long apply(List<Delta> deltas) {
    return store().apply(deltas);
  }

  @Override
  public List<Node> graphNames() {
    return store().graphNames();
  }

  @Override
  public void read(Consumer<DatasetGraph> action) {
    store().read(action);
  }

  @Override
  public void query(Query query, long timeoutMillis, Consumer<QueryExecution> consumer) {
    store().query(query, timeoutMillis, consumer);
  }

  @Override
  public void update(UpdateRequest update, long timeoutMillis) {
    store().update(update, timeoutMillis);
  }

  @Override
  public Stats stats() {
    return store().stats();
  }

  @Override
  public void compact() {
    store().compact();
  }

  /** Closes the store once; later calls return at once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    GraphStore s = store;
    store = null;
    if (s != null) {
      s.close();
      LOG.atInfo().log("graph store closed");
    }
  }
}
