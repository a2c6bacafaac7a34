package io.moraine.graph.store;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.http.DSP;
import org.apache.jena.sparql.exec.http.GSP;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.apache.jena.sparql.exec.http.UpdateExecutionHTTP;
import org.apache.jena.system.Txn;
import org.apache.jena.update.UpdateRequest;
import org.jspecify.annotations.Nullable;

/**
 * A graph store in an external SPARQL 1.1 dataset: Graph Store Protocol for whole graphs, Query and
 * Update endpoints for the rest (Jena Fuseki, or any server that speaks the three).
 *
 * <p>For queries to see the union of the named graphs as their default graph, the server must be
 * configured so (Fuseki: {@code tdb2:unionDefaultGraph true}); this store cannot arrange it.
 *
 * <p>Costs and limits, unlike the embedded store: a tag is a hash of the graph's content ({@link
 * ContentTag}), so {@link #etag}, {@code If-Match} checks and {@link #merge} fetch the whole graph;
 * {@code If-Match} is checked, then the write sent, in two requests, so a concurrent writer can
 * slip between them; {@link #apply} asks which quads are present, then sends one update (one server
 * transaction), so under concurrent writers its count can be off; {@link #read} copies the whole
 * dataset into memory; deltas may not hold blank nodes. Basic auth answers the server's challenge
 * (the JDK client's {@link Authenticator}). Query timeouts are sent to the server ( {@code timeout}
 * parameter, which Fuseki honours) and bound the client's wait. Thread-safe.
 */
public final class RemoteGraphStore implements GraphStore {
  private final RemoteOptions options;
  private final HttpClient http;

  private RemoteGraphStore(RemoteOptions options) {
    this.options = options;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(options.connectTimeout());
    String user = options.username();
    String pass = options.password();
    if (user != null && pass != null) {
      builder.authenticator(
          new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
              return new PasswordAuthentication(user, pass.toCharArray());
            }
          });
    }
    this.http = builder.build();
  }

  /** A store over {@code options.dataset()}; nothing is sent until the first call. */
  public static RemoteGraphStore connect(RemoteOptions options) {
    return new RemoteGraphStore(options);
  }

  private GSP gsp(Node name) {
    GSP gsp = GSP.service(options.endpoint(options.graphStoreEndpoint())).httpClient(http);
    return gsp.graphName(name);
  }

  @Override
  public Optional<Tagged> get(Node name) {
    Names.check(name);
    Graph g = fetch(name);
    return g == null ? Optional.empty() : Optional.of(new Tagged(g, ContentTag.of(g)));
  }

  private @Nullable Graph fetch(Node name) {
    try {
      Graph g = gsp(name).GET();
      return g.isEmpty() ? null : g;
    } catch (HttpException e) {
      if (e.getStatusCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public Optional<String> etag(Node name) {
    return get(name).map(Tagged::etag);
  }

  private void checkIfMatch(Node name, @Nullable String ifMatch) {
    if (ifMatch != null) {
      Graph current = fetch(name);
      IfMatch.check(name, current == null ? null : ContentTag.of(current), ifMatch);
    }
  }

  @Override
  public String put(Node name, Graph content, @Nullable String ifMatch) {
    Names.check(name);
    checkIfMatch(name, ifMatch);
    if (content.isEmpty()) {
      delete(name, null);
      return NO_TAG;
    }
    gsp(name).PUT(content);
    return ContentTag.of(content);
  }

  @Override
  public String merge(Node name, Graph content, @Nullable String ifMatch) {
    Names.check(name);
    checkIfMatch(name, ifMatch);
    if (!content.isEmpty()) {
      gsp(name).POST(content);
    }
    return etag(name).orElse(NO_TAG);
  }

  @Override
  public boolean delete(Node name, @Nullable String ifMatch) {
    Names.check(name);
    checkIfMatch(name, ifMatch);
    try {
      gsp(name).DELETE();
      return true;
    } catch (HttpException e) {
      if (e.getStatusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public long apply(List<Delta> deltas) {
    RemoteDelta plan = RemoteDelta.plan(deltas, q -> select(q, options.maxTimeoutMillis()));
    if (plan.changes() > 0) {
      update(plan.request(), options.requestTimeout().toMillis());
    }
    return plan.changes();
  }

  @Override
  public List<Node> graphNames() {
    List<Node> names = new ArrayList<>();
    Query q = QueryFactory.create("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }");
    for (var row : select(q, options.maxTimeoutMillis())) {
      names.add(row.get(0));
    }
    return names;
  }

  /** Runs a SELECT and returns its rows, each as its projected variables' values in order. */
  private List<List<Node>> select(Query q, long timeoutMillis) {
    List<List<Node>> rows = new ArrayList<>();
    query(
        q,
        timeoutMillis,
        qe -> {
          ResultSet rs = qe.execSelect();
          List<String> vars = rs.getResultVars();
          while (rs.hasNext()) {
            var b = rs.nextBinding();
            List<Node> row = new ArrayList<>(vars.size());
            for (String v : vars) {
              Node n = b.get(v);
              row.add(n == null ? Node.ANY : n);
            }
            rows.add(row);
          }
        });
    return rows;
  }

  @Override
  public void read(Consumer<DatasetGraph> action) {
    DSP dsp = DSP.service(options.endpoint(options.graphStoreEndpoint())).httpClient(http);
    DatasetGraph copy = dsp.GET();
    Txn.executeRead(copy, () -> action.accept(new UnionView(copy)));
  }

  @Override
  public void query(Query query, long timeoutMillis, Consumer<QueryExecution> consumer) {
    long timeout = options.effectiveTimeout(timeoutMillis);
    var builder =
        QueryExecutionHTTP.service(options.endpoint(options.queryEndpoint()))
            .httpClient(http)
            .query(query)
            .param("timeout", Double.toString(timeout / 1000.0))
            .timeout(timeout, TimeUnit.MILLISECONDS);
    try (QueryExecution qe = builder.build()) {
      consumer.accept(qe);
    } catch (RuntimeException e) {
      throw timeoutOr(e, "query", timeout);
    }
  }

  @Override
  public void update(UpdateRequest update, long timeoutMillis) {
    UpdateGuard.check(update);
    long timeout = options.effectiveTimeout(timeoutMillis);
    var builder =
        UpdateExecutionHTTP.service(options.endpoint(options.updateEndpoint()))
            .httpClient(http)
            .update(update);
    builder.timeout(timeout, TimeUnit.MILLISECONDS);
    try {
      builder.build().execute();
    } catch (RuntimeException e) {
      throw timeoutOr(e, "update", timeout);
    }
  }

  /** {@code e} as a {@link QueryTimeoutException} when it is a timeout, else {@code e} itself. */
  private static RuntimeException timeoutOr(RuntimeException e, String what, long timeout) {
    boolean timedOut = e instanceof QueryCancelledException;
    if (e instanceof HttpException h && h.getStatusCode() == 503) {
      timedOut = true; // Fuseki answers a query past its timeout with 503
    }
    for (Throwable c = e; c != null && !timedOut; c = c.getCause()) {
      timedOut = c instanceof HttpTimeoutException;
    }
    return timedOut
        ? new QueryTimeoutException(what + " ran past its timeout of " + timeout + " ms", e)
        : e;
  }

  @Override
  public Stats stats() {
    Query q =
        QueryFactory.create(
            "SELECT (COUNT(*) AS ?quads) (COUNT(DISTINCT ?g) AS ?graphs)"
                + " { GRAPH ?g { ?s ?p ?o } }");
    List<Node> row = select(q, options.maxTimeoutMillis()).getFirst();
    return new Stats(
        ((Number) row.get(0).getLiteralValue()).longValue(),
        ((Number) row.get(1).getLiteralValue()).longValue(),
        -1);
  }

  /** A no-op: the server manages its own storage. */
  @Override
  public void compact() {}

  @Override
  public void close() {
    http.close();
  }
}
