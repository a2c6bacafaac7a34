package io.moraine.server.api.graph;

import com.linecorp.armeria.common.MediaType;
import io.moraine.graph.store.GraphStore;
import io.moraine.graph.store.InvalidWriteException;
import io.moraine.graph.store.QueryTimeoutException;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.resultset.ResultsWriter;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;

/**
 * Parses and runs SPARQL against the store with the service's timeout and result limit, writing the
 * answer into memory before anything is sent (so a limit or timeout is an error, never a truncated
 * body).
 */
final class SparqlRunner {
  /** SPARQL result formats, default first. */
  enum ResultFormat {
    JSON("application/sparql-results+json", ResultSetLang.RS_JSON),
    XML("application/sparql-results+xml", ResultSetLang.RS_XML),
    CSV("text/csv", ResultSetLang.RS_CSV),
    TSV("text/tab-separated-values", ResultSetLang.RS_TSV),
    PLAIN_JSON("application/json", ResultSetLang.RS_JSON),
    PLAIN_XML("application/xml", ResultSetLang.RS_XML);

    final MediaType mediaType;
    final Lang lang;

    ResultFormat(String mediaType, Lang lang) {
      this.mediaType = MediaType.parse(mediaType);
      this.lang = lang;
    }

    MediaType mediaType() {
      return mediaType;
    }
  }

  static final List<ResultFormat> RESULT_FORMATS = List.of(ResultFormat.values());

  /** A finished answer: its bytes and media type. */
  record Answer(byte[] body, MediaType type) {}

  private final GraphStore store;
  private final GraphApiOptions options;

  SparqlRunner(GraphStore store, GraphApiOptions options) {
    this.store = store;
    this.options = options;
  }

  static Query parseQuery(String text) {
    try {
      return QueryFactory.create(text, Syntax.syntaxARQ);
    } catch (QueryException e) {
      throw new ApiException(ErrorType.BAD_DATA, "invalid SPARQL query: " + e.getMessage());
    }
  }

  static UpdateRequest parseUpdate(String text) {
    try {
      return UpdateFactory.create(text, Syntax.syntaxARQ);
    } catch (QueryException e) {
      throw new ApiException(ErrorType.BAD_DATA, "invalid SPARQL update: " + e.getMessage());
    }
  }

  /** Runs a SELECT or ASK, written as {@code format}. */
  Answer results(Query query, ResultFormat format) {
    var out = new ByteArrayOutputStream(1024);
    run(
        query,
        qe -> {
          ResultsWriter w = ResultsWriter.create().lang(format.lang).build();
          if (query.isAskType()) {
            w.write(out, qe.execAsk());
          } else {
            w.write(out, limited(qe));
          }
        });
    return new Answer(out.toByteArray(), format.mediaType);
  }

  /** Runs a CONSTRUCT or DESCRIBE into a graph. */
  Graph graph(Query query) {
    Graph g = GraphFactory.createDefaultGraph();
    run(
        query,
        qe -> {
          Iterator<Triple> it =
              query.isConstructType() ? qe.execConstructTriples() : qe.execDescribeTriples();
          long n = 0;
          while (it.hasNext()) {
            g.add(it.next());
            if (++n > options.maxResults()) {
              throw tooMany("triples");
            }
          }
        });
    return g;
  }

  void update(UpdateRequest update) {
    try {
      store.update(update, options.queryTimeoutMillis());
    } catch (QueryCancelledException | QueryTimeoutException e) {
      throw timedOut("update");
    } catch (InvalidWriteException e) {
      throw new ApiException(ErrorType.BAD_DATA, String.valueOf(e.getMessage()));
    }
  }

  private RowSet limited(QueryExecution qe) {
    var rs = qe.execSelect();
    List<Binding> rows = new ArrayList<>();
    while (rs.hasNext()) {
      rows.add(rs.nextBinding());
      if (rows.size() > options.maxResults()) {
        throw tooMany("rows");
      }
    }
    return RowSetStream.create(
        org.apache.jena.sparql.core.Var.varList(rs.getResultVars()), rows.iterator());
  }

  private void run(Query query, java.util.function.Consumer<QueryExecution> body) {
    try {
      store.query(query, options.queryTimeoutMillis(), body);
    } catch (QueryCancelledException | QueryTimeoutException e) {
      throw timedOut("query");
    }
  }

  private ApiException tooMany(String what) {
    return new ApiException(
        ErrorType.EXECUTION,
        "query returns more than "
            + options.maxResults()
            + " "
            + what
            + " (graph.max_results); add a LIMIT or narrow the query");
  }

  private ApiException timedOut(String what) {
    return new ApiException(
        ErrorType.TIMEOUT,
        what + " timed out after " + options.queryTimeoutMillis() + "ms (graph.query_timeout)");
  }
}
