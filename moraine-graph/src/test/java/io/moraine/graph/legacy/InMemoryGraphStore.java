package io.moraine.graph.legacy;

import io.moraine.graph.store.GraphStore;
import io.moraine.graph.store.PreconditionFailedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.update.UpdateExecution;
import org.apache.jena.update.UpdateRequest;
import org.jspecify.annotations.Nullable;

/**
 * A small {@link GraphStore} over Jena's transactional in-memory dataset, for tests: every method
 * is one transaction; each graph's entity tag changes with every write to it and {@code ifMatch} is
 * checked inside the write transaction. Thread-safe (Jena's MRSW transactions; tags are read and
 * changed only inside them).
 */
final class InMemoryGraphStore implements GraphStore {
  private final DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
  private final Map<Node, String> tags = new HashMap<>();
  private long generation;

  @Override
  public Optional<Tagged> get(Node name) {
    return Txn.calculateRead(
        dsg,
        () -> {
          Graph g = dsg.getGraph(name);
          if (g.isEmpty()) {
            return Optional.<Tagged>empty();
          }
          Graph copy = GraphFactory.createDefaultGraph();
          g.find().forEachRemaining(copy::add);
          return Optional.of(new Tagged(copy, tagOf(name)));
        });
  }

  @Override
  public Optional<String> etag(Node name) {
    return Txn.calculateRead(
        dsg,
        () -> dsg.getGraph(name).isEmpty() ? Optional.<String>empty() : Optional.of(tagOf(name)));
  }

  @Override
  public String put(Node name, Graph content, @Nullable String ifMatch) {
    return Txn.calculateWrite(
        dsg,
        () -> {
          check(name, ifMatch);
          dsg.deleteAny(name, Node.ANY, Node.ANY, Node.ANY);
          content
              .find()
              .forEachRemaining(
                  t -> dsg.add(name, t.getSubject(), t.getPredicate(), t.getObject()));
          return bump(name);
        });
  }

  @Override
  public String merge(Node name, Graph content, @Nullable String ifMatch) {
    return Txn.calculateWrite(
        dsg,
        () -> {
          check(name, ifMatch);
          content
              .find()
              .forEachRemaining(
                  t -> dsg.add(name, t.getSubject(), t.getPredicate(), t.getObject()));
          return bump(name);
        });
  }

  @Override
  public boolean delete(Node name, @Nullable String ifMatch) {
    return Txn.calculateWrite(
        dsg,
        () -> {
          check(name, ifMatch);
          if (dsg.getGraph(name).isEmpty()) {
            return false;
          }
          dsg.deleteAny(name, Node.ANY, Node.ANY, Node.ANY);
          tags.remove(name);
          return true;
        });
  }

  @Override
  public long apply(List<Delta> deltas) {
    return Txn.calculateWrite(
        dsg,
        () -> {
          long changed = 0;
          for (Delta d : deltas) {
            long before = changed;
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
    Txn.executeRead(dsg, () -> action.accept(unionView()));
  }

  @Override
  public void query(Query query, long timeoutMillis, Consumer<QueryExecution> consumer) {
    Txn.executeRead(
        dsg,
        () -> {
          try (QueryExecution qe =
              QueryExecution.dataset(DatasetFactory.wrap(unionView()))
                  .query(query)
                  .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                  .build()) {
            consumer.accept(qe);
          }
        });
  }

  @Override
  public void update(UpdateRequest update, long timeoutMillis) {
    Txn.executeWrite(
        dsg,
        () -> {
          UpdateExecution.dataset(DatasetFactory.wrap(dsg)).update(update).execute();
          for (Iterator<Node> it = dsg.listGraphNodes(); it.hasNext(); ) {
            bump(it.next()); // any graph may have changed: every tag moves on
          }
        });
  }

  @Override
  public Stats stats() {
    return Txn.calculateRead(
        dsg,
        () -> {
          long quads = 0;
          for (Iterator<Quad> it = dsg.find(); it.hasNext(); it.next()) {
            quads++;
          }
          long graphs = 0;
          for (Iterator<Node> it = dsg.listGraphNodes(); it.hasNext(); it.next()) {
            graphs++;
          }
          return new Stats(quads, graphs, 0);
        });
  }

  @Override
  public void compact() {}

  @Override
  public void close() {
    dsg.close();
  }

  /** The dataset with the union of the named graphs as its default graph. */
  private DatasetGraph unionView() {
    return new DatasetGraphWrapper(dsg) {
      @Override
      public Graph getDefaultGraph() {
        return dsg.getUnionGraph();
      }
    };
  }

  private void check(Node name, @Nullable String ifMatch) {
    if (ifMatch == null) {
      return;
    }
    boolean exists = !dsg.getGraph(name).isEmpty();
    if ("*".equals(ifMatch) ? !exists : !(exists && ifMatch.equals(tagOf(name)))) {
      throw new PreconditionFailedException(
          "graph " + name + " has tag " + (exists ? tagOf(name) : "none") + ", not " + ifMatch);
    }
  }

  private String tagOf(Node name) {
    String t = tags.get(name);
    return t == null ? "\"0\"" : t;
  }

  private String bump(Node name) {
    String tag = "\"" + (++generation) + "\"";
    tags.put(name, tag);
    return tag;
  }
}
