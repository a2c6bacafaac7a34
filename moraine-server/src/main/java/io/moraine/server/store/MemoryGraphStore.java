package io.moraine.server.store;

import io.moraine.graph.store.GraphStore;
import io.moraine.graph.store.PreconditionFailedException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.DatasetDescription;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.DynamicDatasets;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.update.UpdateExecution;
import org.apache.jena.update.UpdateRequest;
import org.jspecify.annotations.Nullable;

/**
 * A {@link GraphStore} in memory (Jena's transactional in-memory dataset): nothing survives the
 * process. It stands in for the embedded TDB2 store until that is wired, and serves tests. Queries
 * see the default graph as the union of the named graphs unless the query names its dataset ({@code
 * FROM}, {@code FROM NAMED}). Entity tags are content hashes, so a SPARQL Update that changes a
 * graph changes its tag too. Thread-safe: writes are serialized, reads run concurrently.
 */
public final class MemoryGraphStore implements GraphStore {
  private final DatasetGraph dsg = DatasetGraphFactory.createTxnMem();

  /** Makes the If-Match check and the write one atomic step. */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  @Override
  public Optional<Tagged> get(Node name) {
    return readLocked(
        () ->
            Txn.calculateRead(
                dsg,
                () -> {
                  Graph g = dsg.getGraph(name);
                  if (g.isEmpty()) {
                    return Optional.<Tagged>empty();
                  }
                  Graph copy = GraphFactory.createDefaultGraph();
                  g.find().forEachRemaining(copy::add);
                  return Optional.of(new Tagged(copy, GraphTags.of(copy)));
                }));
  }

  @Override
  public Optional<String> etag(Node name) {
    return readLocked(() -> Txn.calculateRead(dsg, () -> currentTag(name)));
  }

  private Optional<String> currentTag(Node name) {
    Graph g = dsg.getGraph(name);
    return g.isEmpty() ? Optional.empty() : Optional.of(GraphTags.of(g));
  }

  @Override
  public String put(Node name, Graph content, @Nullable String ifMatch) {
    return write(name, ifMatch, () -> dsg.removeGraph(name), content);
  }

  @Override
  public String merge(Node name, Graph content, @Nullable String ifMatch) {
    return write(name, ifMatch, () -> {}, content);
  }

  private String write(Node name, @Nullable String ifMatch, Runnable before, Graph content) {
    return writeLocked(
        () ->
            Txn.calculateWrite(
                dsg,
                () -> {
                  check(name, ifMatch);
                  before.run();
                  content
                      .find()
                      .forEachRemaining(
                          t -> dsg.add(name, t.getSubject(), t.getPredicate(), t.getObject()));
                  return currentTag(name).orElse(GraphTags.EMPTY);
                }));
  }

  @Override
  public boolean delete(Node name, @Nullable String ifMatch) {
    return writeLocked(
        () ->
            Txn.calculateWrite(
                dsg,
                () -> {
                  check(name, ifMatch);
                  boolean had = !dsg.getGraph(name).isEmpty();
                  dsg.removeGraph(name);
                  return had;
                }));
  }

  private void check(Node name, @Nullable String ifMatch) {
    if (ifMatch == null) {
      return;
    }
    Optional<String> tag = currentTag(name);
    if (tag.isEmpty()) {
      throw new PreconditionFailedException("graph " + name + " does not exist");
    }
    if (!ifMatch.equals("*") && !ifMatch.equals(tag.get())) {
      throw new PreconditionFailedException(
          "graph " + name + " has changed: its tag is no longer " + ifMatch);
    }
  }

  @Override
  public long apply(List<Delta> deltas) {
    return writeLocked(
        () ->
            Txn.calculateWrite(
                dsg,
                () -> {
                  long changed = 0;
                  for (Delta d : deltas) {
                    for (Triple t : d.deletes()) {
                      Quad q = Quad.create(d.graph(), t);
                      if (dsg.contains(q)) {
                        dsg.delete(q);
                        changed++;
                      }
                    }
                    for (Triple t : d.adds()) {
                      Quad q = Quad.create(d.graph(), t);
                      if (!dsg.contains(q)) {
                        dsg.add(q);
                        changed++;
                      }
                    }
                  }
                  return changed;
                }));
  }

  @Override
  public List<Node> graphNames() {
    return readLocked(
        () ->
            Txn.calculateRead(
                dsg,
                () -> {
                  List<Node> out = new ArrayList<>();
                  dsg.listGraphNodes().forEachRemaining(out::add);
                  return out;
                }));
  }

  @Override
  public void read(Consumer<DatasetGraph> action) {
    runRead(() -> Txn.executeRead(dsg, () -> action.accept(queryView(null))));
  }

  @Override
  public void query(Query query, long timeoutMillis, Consumer<QueryExecution> consumer) {
    runRead(
        () ->
            Txn.executeRead(
                dsg,
                () -> {
                  DatasetDescription described =
                      query.hasDatasetDescription() ? DatasetDescription.create(query) : null;
                  Query q = query;
                  if (described != null) {
                    q = query.cloneQuery();
                    q.getGraphURIs().clear();
                    q.getNamedGraphURIs().clear();
                  }
                  try (QueryExecution qe =
                      QueryExecution.create()
                          .query(q)
                          .dataset(DatasetFactory.wrap(queryView(described)))
                          .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                          .build()) {
                    consumer.accept(qe);
                  }
                }));
  }

  /** The dataset a query sees: the union as default graph, or what the query describes. */
  private DatasetGraph queryView(@Nullable DatasetDescription described) {
    if (described != null) {
      return DynamicDatasets.dynamicDataset(described, dsg, false);
    }
    List<Node> names = new ArrayList<>();
    dsg.listGraphNodes().forEachRemaining(names::add);
    return DynamicDatasets.dynamicDataset(names, names, dsg, false);
  }

  @Override
  public void update(UpdateRequest update, long timeoutMillis) {
    runWrite(
        () ->
            Txn.executeWrite(
                dsg,
                () ->
                    UpdateExecution.create()
                        .update(update)
                        .dataset(DatasetFactory.wrap(dsg))
                        .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                        .build()
                        .execute()));
  }

  @Override
  public Stats stats() {
    return readLocked(
        () ->
            Txn.calculateRead(
                dsg,
                () -> {
                  long graphs = 0;
                  for (Iterator<Node> it = dsg.listGraphNodes(); it.hasNext(); it.next()) {
                    graphs++;
                  }
                  long quads = 0;
                  for (Iterator<Quad> it = dsg.find(); it.hasNext(); it.next()) {
                    quads++;
                  }
                  return new Stats(quads, graphs, 0);
                }));
  }

  @Override
  public void compact() {
    // nothing to reclaim in memory
  }

  @Override
  public void close() {
    dsg.close();
  }

  private <T> T readLocked(Supplier<T> body) {
    lock.readLock().lock();
    try {
      return Objects.requireNonNull(body.get());
    } finally {
      lock.readLock().unlock();
    }
  }

  private void runRead(Runnable body) {
    lock.readLock().lock();
    try {
      body.run();
    } finally {
      lock.readLock().unlock();
    }
  }

  private void runWrite(Runnable body) {
    lock.writeLock().lock();
    try {
      body.run();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private <T> T writeLocked(Supplier<T> body) {
    lock.writeLock().lock();
    try {
      return body.get();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
