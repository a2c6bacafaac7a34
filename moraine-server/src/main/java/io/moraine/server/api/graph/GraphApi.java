package io.moraine.server.api.graph;

import com.linecorp.armeria.common.HttpMethod;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.graph.shapes.Shapes;
import io.moraine.graph.store.GraphStore;
import io.moraine.server.http.HttpServer;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The metadata service, registered on the server's {@link HttpServer}:
 *
 * <ul>
 *   <li>{@code GET|HEAD|PUT|POST|DELETE /subgraph/{id}} ({@code id} may contain {@code /}): the
 *       named graph {@code <base>graph/<id>} in JSON-LD, Turtle, N-Triples, N-Quads or RDF Thrift;
 *   <li>{@code GET|POST /sparql} (SPARQL 1.1 Protocol query) and {@code POST /sparql/update};
 *   <li>{@code PATCH|GET /api/v0/graph}, {@code GET|POST /api/v0/graph/update}, {@code POST
 *       /api/v0/graph/compact}: the GLACIATION metadata service's API.
 * </ul>
 *
 * Writes are checked against {@code shapes}. Each request runs on its own virtual thread. The store
 * may answer {@link io.moraine.server.store.NotReadyException} until it is open (503). Thread-safe.
 */
public final class GraphApi {
  private static final Set<HttpMethod> SUBGRAPH =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE);
  private static final Set<HttpMethod> GET_POST = Set.of(HttpMethod.GET, HttpMethod.POST);
  private static final Set<HttpMethod> POST = Set.of(HttpMethod.POST);
  private static final Set<HttpMethod> GET = Set.of(HttpMethod.GET, HttpMethod.HEAD);

  private final GraphApiOptions options;
  private final GraphMetrics metrics;
  private final SubgraphEndpoints subgraphs;
  private final SparqlEndpoints sparql;
  private final LegacyEndpoints legacy;
  private final ExecutorService executor;

  /**
   * @param store the graph store (its handle); not closed by the API
   * @param shapes what every write must satisfy
   * @param clock names the GLACIATION API's {@code timestamp:<ms>} graphs
   * @param registry receives {@code moraine_graph_requests_total} and {@code
   *     moraine_graph_writes_rejected_total}
   */
  public GraphApi(
      GraphStore store,
      Shapes shapes,
      GraphApiOptions options,
      Clock clock,
      MetricRegistry registry) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(shapes, "shapes");
    this.options = Objects.requireNonNull(options, "options");
    this.metrics = new GraphMetrics(registry);
    SparqlRunner runner = new SparqlRunner(store, options);
    this.subgraphs = new SubgraphEndpoints(store, shapes, options.baseIri(), metrics);
    this.sparql = new SparqlEndpoints(runner);
    this.legacy =
        new LegacyEndpoints(store, shapes, runner, Objects.requireNonNull(clock, "clock"));
    this.executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("graph-api-", 0).factory());
  }

  /** Adds the service's routes. */
  public HttpServer.Builder register(HttpServer.Builder b) {
    b.service("prefix:/subgraph/", service("subgraph", SUBGRAPH, subgraphs::handle));
    b.service("/sparql", service("sparql", GET_POST, sparql::query));
    b.service("/sparql/update", service("sparql_update", POST, sparql::update));
    b.detailService(
        "/api/v0/graph",
        service("v0_graph", Set.of(HttpMethod.GET, HttpMethod.PATCH), legacy::graph));
    b.detailService("/api/v0/graph/update", service("v0_update", GET_POST, legacy::update));
    b.detailService("/api/v0/graph/compact", service("v0_compact", POST, legacy::compact));
    return b;
  }

  /**
   * Adds the sites API ({@code GET /api/v1/sites/...}), served on the metadata service's executor
   * and counted as its endpoint {@code sites}.
   */
  public HttpServer.Builder registerSites(HttpServer.Builder b, SitesApi sites) {
    b.service("prefix:" + SitesApi.PREFIX, service("sites", GET, sites::handle));
    return b;
  }

  private GraphService service(
      String endpoint, Set<HttpMethod> methods, GraphService.Handler handler) {
    return new GraphService(
        methods, handler, executor, options.maxBodyBytes(), metrics.requests(endpoint));
  }
}
