package io.moraine.server.api.graph;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.graph.shapes.Shapes;
import io.moraine.graph.store.GraphStore;
import io.moraine.graph.store.PreconditionFailedException;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.jspecify.annotations.Nullable;

/**
 * {@code /subgraph/{id}}: GET (and HEAD) a named graph in a negotiated format, PUT replaces it,
 * POST merges into it, DELETE removes it. Writes are checked against the SHACL shapes first. ETags
 * are the store's tags, quoted; {@code If-Match} makes writes conditional (412), {@code
 * If-None-Match} makes a GET answer 304 while the tag still matches.
 */
final class SubgraphEndpoints {
  /** Path segments of an id: IRI-safe characters, percent escapes, no dot segments. */
  private static final Pattern SEGMENT =
      Pattern.compile("(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+");

  /** How often a merge re-validates when another write got in between. */
  private static final int MERGE_ATTEMPTS = 3;

  private final GraphStore store;
  private final Shapes shapes;
  private final String graphBase;
  private final GraphMetrics metrics;

  SubgraphEndpoints(GraphStore store, Shapes shapes, String baseIri, GraphMetrics metrics) {
    this.store = store;
    this.shapes = shapes;
    this.graphBase = baseIri + "graph/";
    this.metrics = metrics;
  }

  HttpResponse handle(ServiceRequestContext ctx, AggregatedHttpRequest req) {
    String id = id(ctx.mappedPath());
    Node name = NodeFactory.createURI(graphBase + id);
    HttpMethod m = req.method();
    return switch (m) {
      case GET, HEAD -> get(req, id, name, m == HttpMethod.HEAD);
      case PUT -> put(req, name);
      case POST -> post(req, name);
      case DELETE -> delete(req, id, name);
      default -> HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED);
    };
  }

  static String id(String mappedPath) {
    String id = mappedPath.startsWith("/") ? mappedPath.substring(1) : mappedPath;
    if (id.isEmpty()) {
      throw new ApiException(ErrorType.BAD_DATA, "missing subgraph id: use /subgraph/{id}");
    }
    for (String seg : id.split("/", -1)) {
      if (seg.equals(".") || seg.equals("..") || !SEGMENT.matcher(seg).matches()) {
        throw new ApiException(
            ErrorType.BAD_DATA,
            "invalid subgraph id \"" + id + "\": segments must be non-empty IRI path characters");
      }
    }
    return id;
  }

  private HttpResponse get(AggregatedHttpRequest req, String id, Node name, boolean head) {
    RdfFormat format =
        Negotiation.choose(
            req.headers().get(HttpHeaderNames.ACCEPT),
            RdfFormat.ALL,
            RdfFormat.TURTLE,
            RdfFormat::mediaType);
    Optional<GraphStore.Tagged> found = store.get(name);
    if (found.isEmpty()) {
      throw new ApiException(ErrorType.NOT_FOUND, "subgraph " + id + " not found");
    }
    String etag = quote(found.get().etag());
    String ifNoneMatch = req.headers().get(HttpHeaderNames.IF_NONE_MATCH);
    if (ifNoneMatch != null && matchesAny(ifNoneMatch, found.get().etag())) {
      return HttpResponse.of(
          ResponseHeaders.builder(HttpStatus.NOT_MODIFIED).set(HttpHeaderNames.ETAG, etag).build());
    }
    byte[] body = RdfBodies.write(found.get().graph(), format, name);
    ResponseHeaders headers =
        ResponseHeaders.builder(HttpStatus.OK)
            .contentType(format.mediaType())
            .set(HttpHeaderNames.ETAG, etag)
            .set(HttpHeaderNames.VARY, "Accept")
            .build();
    return head
        ? HttpResponse.of(headers)
        : HttpResponse.of(headers, com.linecorp.armeria.common.HttpData.wrap(body));
  }

  private HttpResponse put(AggregatedHttpRequest req, Node name) {
    Graph content = body(req, name);
    validate(content);
    @Nullable String ifMatch = ifMatch(req, name);
    boolean existed = store.etag(name).isPresent();
    String tag = store.put(name, content, ifMatch);
    return written(existed ? HttpStatus.NO_CONTENT : HttpStatus.CREATED, tag);
  }

  private HttpResponse post(AggregatedHttpRequest req, Node name) {
    Graph content = body(req, name);
    @Nullable String clientTag = ifMatch(req, name);
    for (int attempt = 1; ; attempt++) {
      Optional<GraphStore.Tagged> current = store.get(name);
      Graph merged = GraphFactory.createDefaultGraph();
      current.ifPresent(t -> t.graph().find().forEachRemaining(merged::add));
      content.find().forEachRemaining(merged::add);
      validate(merged);
      // the merge must land on the state that was validated
      String expected =
          clientTag != null ? clientTag : current.map(GraphStore.Tagged::etag).orElse(null);
      try {
        if (expected == null) {
          String tag = store.merge(name, content, null);
          return written(HttpStatus.CREATED, tag);
        }
        String tag = store.merge(name, content, expected);
        return written(current.isPresent() ? HttpStatus.NO_CONTENT : HttpStatus.CREATED, tag);
      } catch (PreconditionFailedException e) {
        if (clientTag != null || attempt >= MERGE_ATTEMPTS) {
          metrics.rejected("precondition");
          throw e;
        }
      }
    }
  }

  private HttpResponse delete(AggregatedHttpRequest req, String id, Node name) {
    @Nullable String ifMatch = ifMatch(req, name);
    if (!store.delete(name, ifMatch)) {
      throw new ApiException(ErrorType.NOT_FOUND, "subgraph " + id + " not found");
    }
    return HttpResponse.of(HttpStatus.NO_CONTENT);
  }

  private Graph body(AggregatedHttpRequest req, Node name) {
    RdfFormat format = RdfFormat.ofContentType(req.contentType());
    if (format == null) {
      throw new ApiException(
          ErrorType.UNSUPPORTED_MEDIA_TYPE,
          "unsupported Content-Type "
              + (req.contentType() == null ? "(none)" : req.contentType())
              + "; use one of "
              + RdfFormat.supportedList());
    }
    try {
      return RdfBodies.parseGraph(req.content().array(), format, name);
    } catch (ApiException e) {
      metrics.rejected("syntax");
      throw e;
    }
  }

  private void validate(Graph g) {
    List<Shapes.Violation> violations = shapes.validate(g);
    if (!violations.isEmpty()) {
      metrics.rejected("shacl");
      throw new ShapeViolationException(violations);
    }
  }

  /**
   * The tag a write must find, from {@code If-Match}: null without the header, {@code *} for any,
   * the one listed tag that is current when several are listed.
   */
  private @Nullable String ifMatch(AggregatedHttpRequest req, Node name) {
    String header = req.headers().get(HttpHeaderNames.IF_MATCH);
    if (header == null) {
      return null;
    }
    List<String> tags = tags(header);
    if (tags.contains("*")) {
      return "*";
    }
    if (tags.size() == 1) {
      return tags.getFirst();
    }
    Optional<String> current = store.etag(name);
    if (current.isPresent() && tags.contains(current.get())) {
      return current.get();
    }
    metrics.rejected("precondition");
    throw new PreconditionFailedException("none of the If-Match tags is the current one");
  }

  private static boolean matchesAny(String header, String tag) {
    for (String t : tags(header)) {
      if (t.equals("*") || t.equals(tag)) {
        return true;
      }
    }
    return false;
  }

  /** The entity tags of an If-Match / If-None-Match list, unquoted; weak tags keep W/. */
  static List<String> tags(String header) {
    List<String> out = new ArrayList<>();
    for (String part : header.split(",")) {
      String t = part.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
        t = t.substring(1, t.length() - 1);
      }
      out.add(t);
    }
    return out;
  }

  private static String quote(String tag) {
    return "\"" + tag + "\"";
  }

  private static HttpResponse written(HttpStatus status, String tag) {
    return HttpResponse.of(
        ResponseHeaders.builder(status).set(HttpHeaderNames.ETAG, quote(tag)).build());
  }
}
