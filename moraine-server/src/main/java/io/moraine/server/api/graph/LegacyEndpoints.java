package io.moraine.server.api.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.time.Clock;
import io.moraine.graph.shapes.Shapes;
import io.moraine.graph.store.GraphStore;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * The GLACIATION metadata service's API (v2.0.2) for drop-in use, with its responses (JSON strings)
 * and statuses; errors are {@code {"detail":"..."}} as FastAPI wrote them. {@code PATCH
 * /api/v0/graph} stores a JSON-LD document as a new named graph {@code timestamp:<ms>} ({@code
 * <@id>/timestamp:<ms>} when the document has a top-level {@code @id}); {@code GET
 * /api/v0/graph?query=} answers a SELECT as SPARQL JSON; {@code /api/v0/graph/update} runs an
 * update; {@code /api/v0/graph/compact} compacts the store.
 */
final class LegacyEndpoints {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] EMPTY_RESULTS =
      "{\"head\":{\"vars\":[]},\"results\":{\"bindings\":[]}}".getBytes(StandardCharsets.UTF_8);
  private static final String ONLY_QUERY = "Request must contain only {'query': str}";

  private final GraphStore store;
  private final Shapes shapes;
  private final SparqlRunner runner;
  private final Clock clock;

  LegacyEndpoints(GraphStore store, Shapes shapes, SparqlRunner runner, Clock clock) {
    this.store = store;
    this.shapes = shapes;
    this.runner = runner;
    this.clock = clock;
  }

  /** {@code PATCH /api/v0/graph} and {@code GET /api/v0/graph?query=}. */
  HttpResponse graph(ServiceRequestContext ctx, AggregatedHttpRequest req) {
    return switch (req.method()) {
      case PATCH -> patch(req);
      case GET -> search(ctx);
      default -> HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED);
    };
  }

  private HttpResponse patch(AggregatedHttpRequest req) {
    if (!(readJson(req) instanceof ObjectNode body)) {
      throw new ApiException(ErrorType.EXECUTION, "Input should be a valid dictionary");
    }
    String name = "";
    if (body.get("@id") instanceof TextNode id && !id.asText().isEmpty()) {
      name = id.asText().endsWith("/") ? id.asText() : id.asText() + "/";
    }
    name += "timestamp:" + clock.nowMillis();
    body.put("@id", name);
    Node graphName = NodeFactory.createURI(name);
    DatasetGraph parsed =
        RdfBodies.parseDataset(
            body.toString().getBytes(StandardCharsets.UTF_8), RdfFormat.JSONLD, name);
    Graph content = GraphFactory.createDefaultGraph();
    parsed.find().forEachRemaining(q -> content.add(q.asTriple()));
    if (content.isEmpty()) {
      throw new ApiException(ErrorType.BAD_DATA, "No triples could be extracted from JSON-LD.");
    }
    List<Shapes.Violation> violations = shapes.validate(content);
    if (!violations.isEmpty()) {
      throw new ShapeViolationException(violations);
    }
    store.merge(graphName, content, null);
    return string("Success - Inserted " + content.size() + " triple(s) into graph <" + name + ">.");
  }

  private HttpResponse search(ServiceRequestContext ctx) {
    Query query = SparqlRunner.parseQuery(required(ctx, "query"));
    if (!query.isSelectType()) {
      return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, EMPTY_RESULTS);
    }
    SparqlRunner.Answer a = runner.results(query, SparqlRunner.ResultFormat.PLAIN_JSON);
    return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, a.body());
  }

  /** {@code GET /api/v0/graph/update?query=} and {@code POST} with {@code {"query": "..."}}. */
  HttpResponse update(ServiceRequestContext ctx, AggregatedHttpRequest req) {
    String text;
    if (req.method() == com.linecorp.armeria.common.HttpMethod.GET) {
      text = required(ctx, "query");
    } else {
      JsonNode body = readJson(req);
      if (!(body instanceof ObjectNode o)
          || o.size() != 1
          || !(o.get("query") instanceof TextNode q)) {
        throw new ApiException(ErrorType.BAD_DATA, ONLY_QUERY);
      }
      text = q.asText();
    }
    runner.update(SparqlRunner.parseUpdate(text));
    return string("Success");
  }

  /** {@code POST /api/v0/graph/compact}. */
  HttpResponse compact(ServiceRequestContext ctx, AggregatedHttpRequest req) {
    store.compact();
    return string("Success");
  }

  private static String required(ServiceRequestContext ctx, String param) {
    String v = QueryParams.fromQueryString(ctx.query()).get(param);
    if (v == null) {
      // FastAPI answers a missing required parameter with 422
      throw new ApiException(ErrorType.EXECUTION, "Field required: " + param);
    }
    return v;
  }

  private static JsonNode readJson(AggregatedHttpRequest req) {
    try {
      return JSON.readTree(req.content().array());
    } catch (JsonProcessingException e) {
      throw new ApiException(ErrorType.EXECUTION, "JSON decode error: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static HttpResponse string(String s) {
    return HttpResponse.of(
        HttpStatus.OK,
        MediaType.JSON_UTF_8,
        new TextNode(s).toString().getBytes(StandardCharsets.UTF_8));
  }
}
