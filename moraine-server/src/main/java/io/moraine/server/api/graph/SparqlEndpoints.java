package io.moraine.server.api.graph;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.update.UpdateRequest;
import org.jspecify.annotations.Nullable;

/**
 * The SPARQL 1.1 Protocol: {@code /sparql} (GET {@code ?query=}, POST form {@code query=}, POST
 * {@code application/sparql-query}) with {@code default-graph-uri} and {@code named-graph-uri}
 * replacing the query's own dataset, and {@code /sparql/update} (POST {@code
 * application/sparql-update} or form {@code update=}; 204).
 */
final class SparqlEndpoints {
  private static final MediaType SPARQL_QUERY = MediaType.parse("application/sparql-query");
  private static final MediaType SPARQL_UPDATE = MediaType.parse("application/sparql-update");

  private final SparqlRunner runner;

  SparqlEndpoints(SparqlRunner runner) {
    this.runner = runner;
  }

  HttpResponse query(ServiceRequestContext ctx, AggregatedHttpRequest req) {
    QueryParams url = QueryParams.fromQueryString(ctx.query());
    String text;
    QueryParams params = url;
    if (req.method() == HttpMethod.POST && is(req, SPARQL_QUERY)) {
      text = req.contentUtf8();
    } else if (req.method() == HttpMethod.POST) {
      params = form(req, "query");
      text = params.get("query");
    } else {
      text = url.get("query");
    }
    if (text == null || text.isBlank()) {
      throw new ApiException(ErrorType.BAD_DATA, "missing query parameter");
    }
    Query query = withDataset(SparqlRunner.parseQuery(text), params);
    String accept = req.headers().get(HttpHeaderNames.ACCEPT);
    if (query.isSelectType() || query.isAskType()) {
      SparqlRunner.ResultFormat f =
          Negotiation.choose(
              accept,
              SparqlRunner.RESULT_FORMATS,
              SparqlRunner.ResultFormat.JSON,
              SparqlRunner.ResultFormat::mediaType);
      SparqlRunner.Answer a = runner.results(query, f);
      return HttpResponse.of(
          ResponseHeaders.of(HttpStatus.OK, HttpHeaderNames.CONTENT_TYPE, a.type()),
          HttpData.wrap(a.body()));
    }
    if (query.isConstructType() || query.isDescribeType()) {
      RdfFormat f =
          Negotiation.choose(accept, RdfFormat.ALL, RdfFormat.TURTLE, RdfFormat::mediaType);
      Graph g = runner.graph(query);
      byte[] body = RdfBodies.write(g, f, NodeFactory.createURI("urn:x-moraine:construct"));
      return HttpResponse.of(HttpStatus.OK, f.mediaType(), body);
    }
    throw new ApiException(ErrorType.BAD_DATA, "unsupported query form " + query.queryType());
  }

  HttpResponse update(ServiceRequestContext ctx, AggregatedHttpRequest req) {
    QueryParams url = QueryParams.fromQueryString(ctx.query());
    String text;
    if (is(req, SPARQL_UPDATE)) {
      text = req.contentUtf8();
      refuseUsing(url);
    } else if (is(req, MediaType.FORM_DATA)) {
      QueryParams form = form(req, "update");
      refuseUsing(form);
      text = form.get("update");
    } else {
      throw new ApiException(
          ErrorType.UNSUPPORTED_MEDIA_TYPE,
          "a SPARQL update is POSTed as application/sparql-update or as a form with update=");
    }
    if (text == null || text.isBlank()) {
      throw new ApiException(ErrorType.BAD_DATA, "missing update parameter");
    }
    UpdateRequest update = SparqlRunner.parseUpdate(text);
    runner.update(update);
    return HttpResponse.of(HttpStatus.NO_CONTENT);
  }

  /**
   * The protocol's dataset parameters replace the query's FROM and FROM NAMED (SPARQL 1.1 §2.1.4).
   */
  private static Query withDataset(Query query, QueryParams params) {
    List<String> defaults = params.getAll("default-graph-uri");
    List<String> named = params.getAll("named-graph-uri");
    if (defaults.isEmpty() && named.isEmpty()) {
      return query;
    }
    Query q = query.cloneQuery();
    q.getGraphURIs().clear();
    q.getNamedGraphURIs().clear();
    defaults.forEach(q::addGraphURI);
    named.forEach(q::addNamedGraphURI);
    return q;
  }

  private static void refuseUsing(QueryParams params) {
    if (params.contains("using-graph-uri") || params.contains("using-named-graph-uri")) {
      throw new ApiException(
          ErrorType.BAD_DATA,
          "using-graph-uri and using-named-graph-uri are not supported; put USING in the update");
    }
  }

  private static QueryParams form(AggregatedHttpRequest req, String what) {
    if (!is(req, MediaType.FORM_DATA)) {
      throw new ApiException(
          ErrorType.UNSUPPORTED_MEDIA_TYPE,
          "a POSTed "
              + what
              + " is application/x-www-form-urlencoded or application/sparql-"
              + what);
    }
    return QueryParams.fromQueryString(req.content().toString(StandardCharsets.UTF_8));
  }

  private static boolean is(AggregatedHttpRequest req, MediaType type) {
    @Nullable MediaType t = req.contentType();
    return t != null && t.withoutParameters().is(type);
  }
}
