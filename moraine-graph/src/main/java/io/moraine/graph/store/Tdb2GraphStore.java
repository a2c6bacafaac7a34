package io.moraine.graph.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.DatasetDescription;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DynamicDatasets;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.update.UpdateExecution;
import org.apache.jena.update.UpdateRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded graph store: a Jena TDB2 database in one directory. Each method is one TDB2
 * transaction (many readers, one writer at a time), committed to TDB2's journal before it returns,
 * so an acknowledged write survives {@code kill -9}. Tags are kept beside the data in the same
 * transaction (see {@link TagBook}), so reading one costs an index lookup. Thread-safe; the caller
 * closes it. One instance per directory per JVM.
 */
public final class Tdb2GraphStore implements GraphStore {
  private static final Logger LOG = LoggerFactory.getLogger(Tdb2GraphStore.class);

  private final Path dir;
  private final StoreOptions options;
  private final DatasetGraph dsg;
  private final TagBook tags;

  private Tdb2GraphStore(Path dir, StoreOptions options, DatasetGraph dsg) {
    this.dir = dir;
    this.options = options;
    this.dsg = dsg;
    this.tags = new TagBook(dsg);
  }

  /** Opens (creating if needed) the TDB2 database in {@code dir}. */
  public static Tdb2GraphStore open(Path dir, StoreOptions options) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create graph store directory " + dir, e);
    }
    DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
    Tdb2GraphStore store = new Tdb2GraphStore(dir, options, dsg);
    Txn.executeWrite(dsg, store.tags::initialize);
    LOG.atInfo().addKeyValue("dir", dir).log("graph store opened");
    return store;
  }

  @Override
  public Optional<Tagged> get(Node name) {
    Names.check(name);
    return Txn.calculateRead(
        dsg,
        () -> {
          String tag = tags.tag(name);
          if (tag == null) {
            return Optional.empty();
          }
          Graph copy = GraphFactory.createDefaultGraph();
          dsg.find(name, Node.ANY, Node.ANY, Node.ANY)
              .forEachRemaining(q -> copy.add(q.asTriple()));
          return Optional.of(new Tagged(copy, tag));
        });
  }

  @Override
  public Optional<String> etag(Node name) {
    Names.check(name);
    return Optional.ofNullable(Txn.calculateRead(dsg, () -> tags.tag(name)));
  }

  @Override
  public String put(Node name, Graph content, @Nullable String ifMatch) {
    Names.check(name);
    List<Triple> wanted = content.find().toList();
    return Txn.calculateWrite(
        dsg,
        () -> {
          IfMatch.check(name, tags.tag(name), ifMatch);
          Set<Triple> keep = new HashSet<>(wanted);
          List<Quad> stale = new ArrayList<>();
          for (Iterator<Quad> it = dsg.find(name, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); ) {
            Quad q = it.next();
            if (!keep.contains(q.asTriple())) {
              stale.add(q);
            }
          }
          long delta = -stale.size();
          for (Quad q : stale) {
            dsg.delete(q);
          }
          boolean changed = !stale.isEmpty();
          for (Triple t : wanted) {
            if (!dsg.contains(name, t.getSubject(), t.getPredicate(), t.getObject())) {
              dsg.add(name, t.getSubject(), t.getPredicate(), t.getObject());
              delta++;
              changed = true;
            }
          }
          return finish(name, changed, delta);
        });
  }

  @Override
  public String merge(Node name, Graph content, @Nullable String ifMatch) {
    Names.check(name);
    List<Triple> adds = content.find().toList();
    return Txn.calculateWrite(
        dsg,
        () -> {
          IfMatch.check(name, tags.tag(name), ifMatch);
          long added = 0;
          for (Triple t : adds) {
            if (!dsg.contains(name, t.getSubject(), t.getPredicate(), t.getObject())) {
              dsg.add(name, t.getSubject(), t.getPredicate(), t.getObject());
              added++;
            }
          }
          return finish(name, added > 0, added);
        });
  }

  private String finish(Node name, boolean changed, long quadDelta) {
    if (changed) {
      tags.record(Set.of(name), quadDelta);
    }
    String tag = tags.tag(name);
    return tag == null ? NO_TAG : tag;
  }

  @Override
  public boolean delete(Node name, @Nullable String ifMatch) {
    Names.check(name);
    return Txn.calculateWrite(
        dsg,
        () -> {
          IfMatch.check(name, tags.tag(name), ifMatch);
          long n = count(dsg.find(name, Node.ANY, Node.ANY, Node.ANY));
          if (n == 0) {
            return false;
          }
          dsg.deleteAny(name, Node.ANY, Node.ANY, Node.ANY);
          tags.record(Set.of(name), -n);
          return true;
        });
  }

  @Override
  public long apply(List<Delta> deltas) {
    for (Delta d : deltas) {
      Names.check(d.graph());
    }
    return Txn.calculateWrite(
        dsg,
        () -> {
          Set<Node> changed = new HashSet<>();
          long changes = 0;
          long quadDelta = 0;
          for (Delta d : deltas) {
            Node g = d.graph();
            for (Triple t : d.deletes()) {
              if (dsg.contains(g, t.getSubject(), t.getPredicate(), t.getObject())) {
                dsg.delete(g, t.getSubject(), t.getPredicate(), t.getObject());
                changes++;
                quadDelta--;
                changed.add(g);
              }
            }
            for (Triple t : d.adds()) {
              if (!dsg.contains(g, t.getSubject(), t.getPredicate(), t.getObject())) {
                dsg.add(g, t.getSubject(), t.getPredicate(), t.getObject());
                changes++;
                quadDelta++;
                changed.add(g);
              }
            }
          }
          tags.record(changed, quadDelta);
          return changes;
        });
  }

  @Override
  public List<Node> graphNames() {
    return Txn.calculateRead(
        dsg,
        () -> {
          List<Node> names = new ArrayList<>();
          dsg.listGraphNodes().forEachRemaining(names::add);
          return names;
        });
  }

  @Override
  public void read(Consumer<DatasetGraph> action) {
    Txn.executeRead(dsg, () -> action.accept(new UnionView(dsg)));
  }

  @Override
  public void query(Query query, long timeoutMillis, Consumer<QueryExecution> consumer) {
    long timeout = options.effectiveTimeout(timeoutMillis);
    Txn.executeRead(
        dsg,
        () -> {
          // a FROM / FROM NAMED (or the protocol's default-graph-uri / named-graph-uri) picks the
          // graphs; without one the default graph is the union of the named graphs
          Query run = query;
          DatasetGraph over = dsg;
          if (query.hasDatasetDescription()) {
            over = DynamicDatasets.dynamicDataset(DatasetDescription.create(query), dsg, false);
            run = query.cloneQuery();
            run.getGraphURIs().clear();
            run.getNamedGraphURIs().clear();
          }
          try (QueryExecution qe =
              QueryExecution.create()
                  .query(run)
                  .dataset(DatasetFactory.wrap(over))
                  .set(TDB2.symUnionDefaultGraph, !query.hasDatasetDescription())
                  .overallTimeout(timeout, TimeUnit.MILLISECONDS)
                  .build()) {
            consumer.accept(qe);
          } catch (QueryCancelledException e) {
            throw new QueryTimeoutException("query ran past its timeout of " + timeout + " ms", e);
          }
        });
  }

  @Override
  public void update(UpdateRequest update, long timeoutMillis) {
    UpdateGuard.check(update);
    long timeout = options.effectiveTimeout(timeoutMillis);
    Txn.executeWrite(
        dsg,
        () -> {
          TrackedDataset tracked = TrackedDataset.over(dsg);
          try {
            UpdateExecution.create()
                .update(update)
                .dataset(DatasetFactory.wrap(tracked))
                .set(TDB2.symUnionDefaultGraph, true)
                .timeout(timeout, TimeUnit.MILLISECONDS)
                .build()
                .execute();
          } catch (QueryCancelledException e) {
            throw new QueryTimeoutException(
                "update ran past its timeout of " + timeout + " ms; nothing was written", e);
          }
          tags.record(tracked.changedGraphs(), tracked.quadDelta());
        });
  }

  @Override
  public Stats stats() {
    long[] counts = Txn.calculateRead(dsg, () -> new long[] {tags.quads(), tags.graphs()});
    return new Stats(counts[0], counts[1], diskBytes());
  }

  private long diskBytes() {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0; // deleted by a compaction while we walked
                }
              })
          .sum();
    } catch (IOException | UncheckedIOException e) {
      LOG.atWarn().addKeyValue("dir", dir).setCause(e).log("graph store size unknown");
      return -1;
    }
  }

  @Override
  public void compact() {
    long before = diskBytes();
    DatabaseMgr.compact(dsg, options.deleteOldGenerations());
    LOG.atInfo()
        .addKeyValue("dir", dir)
        .addKeyValue("bytesBefore", before)
        .addKeyValue("bytesAfter", diskBytes())
        .log("graph store compacted");
  }

  @Override
  public void close() {
    TDBInternal.expel(dsg);
  }

  private static long count(Iterator<?> it) {
    long n = 0;
    while (it.hasNext()) {
      it.next();
      n++;
    }
    return n;
  }
}
