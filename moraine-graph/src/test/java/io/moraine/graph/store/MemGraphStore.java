package io.moraine.graph.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.update.UpdateAction;
import org.apache.jena.update.UpdateRequest;
import org.jspecify.annotations.Nullable;

/**
 * A {@link GraphStore} over Jena's transactional in-memory dataset, for the exporter tests that
 * need no disk: real transactions, a tag per graph that changes with each write, and {@code apply}
 * counting only quads that changed the store.
 */
public final class MemGraphStore implements GraphStore {
  private final DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
  private final Map<Node, Long> versions = new HashMap<>(); // guarded by the write transaction
  private final AtomicLong next = new AtomicLong();

  /** Calls of {@link #apply} (tests count the store writes). */
  public final AtomicLong applies = new AtomicLong();

  @Override
  public Optional<Tagged> get(Node name) {
    return Txn.calculateRead(
        dsg,
        () -> {
          Graph g = dsg.getGraph(name);
          if (g.isEmpty()) {
            return Optional.empty();
          }
          Graph copy = GraphFactory.createDefaultGraph();
          GraphUtil.addInto(copy, g);
          return Optional.of(new Tagged(copy, tag(name)));
        });
  }

  @Override
  public Optional<String> etag(Node name) {
    return Txn.calculateRead(
        dsg, () -> dsg.getGraph(name).isEmpty() ? Optional.empty() : Optional.of(tag(name)));
  }

  private String tag(Node name) {
    return "\"" + versions.getOrDefault(name, 0L) + "\"";
  }

  private void check(Node name, @Nullable String ifMatch) {
    if (ifMatch == null) {
      return;
    }
    boolean exists = !dsg.getGraph(name).isEmpty();
    if (!exists || !(ifMatch.equals("*") || ifMatch.equals(tag(name)))) {
      throw new PreconditionFailedException("graph " + name + " does not match " + ifMatch);
    }
  }

  private <T> T write(Supplier<T> action) {
    return Txn.calculateWrite(dsg, action);
  }

  private String bump(Node name) {
    versions.put(name, next.incrementAndGet());
    return tag(name);
  }

  @Override
  public String put(Node name, Graph content, @Nullable String ifMatch) {
    return write(
        () -> {
          check(name, ifMatch);
          dsg.deleteAny(name, Node.ANY, Node.ANY, Node.ANY);
          content.find().forEachRemaining(t -> dsg.add(new Quad(name, t)));
          return bump(name);
        });
  }

  @Override
  public String merge(Node name, Graph content, @Nullable String ifMatch) {
    return write(
        () -> {
          check(name, ifMatch);
          content.find().forEachRemaining(t -> dsg.add(new Quad(name, t)));
          return bump(name);
        });
  }

  @Override
  public boolean delete(Node name, @Nullable String ifMatch) {
    return write(
        () -> {
          check(name, ifMatch);
          boolean had = !dsg.getGraph(name).isEmpty();
          dsg.deleteAny(name, Node.ANY, Node.ANY, Node.ANY);
          bump(name);
          return had;
        });
  }

  @Override
  public long apply(List<Delta> deltas) {
    applies.incrementAndGet();
    return write(
        () -> {
          long changed = 0;
          for (Delta d : deltas) {
            long before = changed;
            for (Triple t : d.deletes()) {
              Quad q = new Quad(d.graph(), t);
              if (dsg.contains(q)) {
                dsg.delete(q);
                changed++;
              }
            }
            for (Triple t : d.adds()) {
              Quad q = new Quad(d.graph(), t);
              if (!dsg.contains(q)) {
                dsg.add(q);
                changed++;
              }
            }
            if (changed != before) {
              bump(d.graph());
            }
          }
          return changed;
        });
  }

  @Override
  public List<Node> graphNames() {
    return Txn.calculateRead(
        dsg,
        () -> {
          List<Node> out = new ArrayList<>();
          dsg.listGraphNodes().forEachRemaining(out::add);
          return out;
        });
  }

  @Override
  public void read(Consumer<DatasetGraph> action) {
    Txn.executeRead(dsg, () -> action.accept(dsg));
  }

  @Override
  public void query(Query query, long timeoutMillis, Consumer<QueryExecution> consumer) {
    Txn.executeRead(
        dsg,
        () -> {
          try (QueryExecution qe =
              QueryExecution.create()
                  .query(query)
                  .dataset(DatasetFactory.wrap(dsg))
                  .timeout(timeoutMillis)
                  .build()) {
            consumer.accept(qe);
          }
        });
  }

  @Override
  public void update(UpdateRequest update, long timeoutMillis) {
    Txn.executeWrite(dsg, () -> UpdateAction.execute(update, dsg));
  }

  @Override
  public Stats stats() {
    return Txn.calculateRead(
        dsg,
        () -> {
          long quads = 0;
          var it = dsg.find();
          while (it.hasNext()) {
            it.next();
            quads++;
          }
          long graphs = 0;
          var names = dsg.listGraphNodes();
          while (names.hasNext()) {
            names.next();
            graphs++;
          }
          return new Stats(quads, graphs, -1);
        });
  }

  @Override
  public void compact() {}

  @Override
  public void close() {
    dsg.close();
  }

  /** All quads of one graph, for assertions. */
  public Graph copyOf(Node name) {
    return get(name).map(Tagged::graph).orElseGet(GraphFactory::createDefaultGraph);
  }
}
