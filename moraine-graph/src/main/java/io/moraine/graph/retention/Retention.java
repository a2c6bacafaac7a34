package io.moraine.graph.retention;

import io.moraine.core.time.Clock;
import io.moraine.graph.store.GraphStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.out.NodeFmtLib;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what is older than the horizon: history events whose time is before it, and every state
 * and usage subgraph of an entity whose end time is before it (the graph holding the end time, the
 * graphs under its path, and the matching {@code usage/} graphs); compacts the store after a pass
 * that deleted enough. Works on any {@link GraphStore}. {@link #runOnce} may be called from any
 * thread; {@link #start} runs it on a schedule until {@link #close}.
 */
public final class Retention implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
  private static final long QUERY_TIMEOUT_MILLIS = 60_000;

  private final GraphStore store;
  private final RetentionOptions options;
  private final Clock clock;
  private final AtomicLong failures = new AtomicLong();
  private @Nullable ScheduledExecutorService scheduler;

  /** What one pass did. */
  public record Result(long historyTriples, long graphs, long quads, boolean compacted) {}

  public Retention(GraphStore store, RetentionOptions options, Clock clock) {
    this.store = store;
    this.options = options;
    this.clock = clock;
  }

  /** One pass with the horizon measured back from the clock's now. */
  public synchronized Result runOnce() {
    Node cutoff =
        NodeFactory.createLiteralDT(
            Instant.ofEpochMilli(clock.nowMillis() - options.horizon().toMillis()).toString(),
            XSDDatatype.XSDdateTime);
    long quadsBefore = store.stats().quads();
    long history = deleteHistory(cutoff);
    long graphs = deleteEnded(cutoff);
    long deleted = quadsBefore - store.stats().quads();
    boolean compact = deleted >= options.compactAfterQuads();
    if (compact) {
      store.compact();
    }
    LOG.atInfo()
        .addKeyValue("historyTriples", history)
        .addKeyValue("graphs", graphs)
        .addKeyValue("quads", deleted)
        .addKeyValue("compacted", compact)
        .log("graph retention pass");
    return new Result(history, graphs, deleted, compact);
  }

  private long deleteHistory(Node cutoff) {
    String q =
        "SELECT ?e ?p ?o { GRAPH "
            + NodeFmtLib.strNT(options.historyGraph())
            + " { ?e "
            + NodeFmtLib.strNT(options.eventTime())
            + " ?t . FILTER(?t < "
            + NodeFmtLib.strNT(cutoff)
            + ") ?e ?p ?o } }";
    List<Triple> old = new ArrayList<>();
    store.query(
        QueryFactory.create(q),
        QUERY_TIMEOUT_MILLIS,
        qe ->
            qe.execSelect()
                .forEachRemaining(
                    s ->
                        old.add(
                            Triple.create(
                                s.get("e").asNode(), s.get("p").asNode(), s.get("o").asNode()))));
    if (old.isEmpty()) {
      return 0;
    }
    return store.apply(List.of(new GraphStore.Delta(options.historyGraph(), old, List.of())));
  }

  private long deleteEnded(Node cutoff) {
    String q =
        "SELECT DISTINCT ?g { GRAPH ?g { ?x "
            + NodeFmtLib.strNT(options.endTime())
            + " ?t . FILTER(?t < "
            + NodeFmtLib.strNT(cutoff)
            + ") } }";
    Set<String> paths = new LinkedHashSet<>();
    String prefix = options.graphPrefix();
    String usage = prefix + "usage/";
    store.query(
        QueryFactory.create(q),
        QUERY_TIMEOUT_MILLIS,
        qe ->
            qe.execSelect()
                .forEachRemaining(
                    s -> {
                      Node g = s.get("g").asNode();
                      String iri = g.isURI() ? g.getURI() : "";
                      if (iri.startsWith(prefix)
                          && !iri.startsWith(usage)
                          && !g.equals(options.historyGraph())) {
                        paths.add(iri.substring(prefix.length()));
                      }
                    }));
    if (paths.isEmpty()) {
      return 0;
    }
    long deleted = 0;
    for (Node g : store.graphNames()) {
      if (g.isURI() && belongsToEnded(g.getURI(), prefix, usage, paths)) {
        deleted += store.delete(g, null) ? 1 : 0;
      }
    }
    return deleted;
  }

  private static boolean belongsToEnded(
      String iri, String prefix, String usage, Set<String> paths) {
    String path;
    if (iri.startsWith(usage)) {
      path = iri.substring(usage.length());
    } else if (iri.startsWith(prefix)) {
      path = iri.substring(prefix.length());
    } else {
      return false;
    }
    for (String ended : paths) {
      if (path.equals(ended) || path.startsWith(ended + "/")) {
        return true;
      }
    }
    return false;
  }

  /** Runs a pass every {@code options.interval()} on one daemon thread, the first after one. */
  public synchronized void start() {
    if (scheduler != null) {
      throw new IllegalStateException("retention already started");
    }
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("graph-retention").daemon().unstarted(r));
    long every = options.interval().toMillis();
    s.scheduleWithFixedDelay(this::safePass, every, every, TimeUnit.MILLISECONDS);
    scheduler = s;
  }

  private void safePass() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      LOG.atWarn().setCause(e).log("graph retention pass failed");
    }
  }

  /** Passes of the scheduled runner that failed (for self-metrics). */
  public long failures() {
    return failures.get();
  }

  @Override
  public synchronized void close() {
    ScheduledExecutorService s = scheduler;
    if (s != null) {
      s.shutdownNow();
      scheduler = null;
    }
  }
}
