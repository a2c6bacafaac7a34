package io.moraine.server.api.graph;

import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import org.apache.jena.atlas.RuntimeIOException;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;

/** Reads request bodies into graphs and writes graphs in a negotiated format. Stateless. */
final class RdfBodies {
  private RdfBodies() {}

  /**
   * Parses {@code body} as {@code format} into one graph. Quads may name only {@code target} (or
   * the default graph). Relative IRIs resolve against {@code target}.
   *
   * @throws ApiException bad_data with the parser's message, line and column
   */
  static Graph parseGraph(byte[] body, RdfFormat format, Node target) {
    DatasetGraph ds = parseDataset(body, format, target.getURI());
    Graph out = GraphFactory.createDefaultGraph();
    for (Iterator<Quad> it = ds.find(); it.hasNext(); ) {
      Quad q = it.next();
      if (!q.isDefaultGraph() && !q.getGraph().equals(target)) {
        throw new ApiException(
            ErrorType.BAD_DATA,
            "the body names graph "
                + q.getGraph()
                + "; a subgraph body may only hold triples of "
                + target);
      }
      out.add(q.asTriple());
    }
    return out;
  }

  /** Parses {@code body} as {@code format} into a dataset (triples land in the default graph). */
  static DatasetGraph parseDataset(byte[] body, RdfFormat format, String base) {
    DatasetGraph ds = DatasetGraphFactory.create();
    try {
      RDFParser.source(new ByteArrayInputStream(body))
          .lang(format.lang())
          .base(base)
          .errorHandler(new Strict(format))
          .parse(ds);
    } catch (RiotException | RuntimeIOException e) {
      throw new ApiException(ErrorType.BAD_DATA, describe(format, e));
    }
    return ds;
  }

  private static String describe(RdfFormat format, RuntimeException e) {
    String m = e.getMessage();
    if (m != null && m.startsWith(format.name() + " ")) {
      return m;
    }
    return "invalid " + format.mediaType() + " body: " + (m == null ? e.toString() : m);
  }

  /** Writes {@code graph}; N-Quads name each triple's graph {@code name}. */
  static byte[] write(Graph graph, RdfFormat format, Node name) {
    var out = new ByteArrayOutputStream(1024);
    if (format.isQuads()) {
      DatasetGraph ds = DatasetGraphFactory.create();
      ds.addGraph(name, graph);
      RDFWriter.source(ds).format(format.writeFormat()).output(out);
    } else {
      RDFWriter.source(graph).format(format.writeFormat()).output(out);
    }
    return out.toByteArray();
  }

  /** Fails on the first error with its position; warnings (e.g. unusual IRIs) pass. */
  private record Strict(RdfFormat format) implements ErrorHandler {
    @Override
    public void warning(String message, long line, long col) {}

    @Override
    public void error(String message, long line, long col) {
      throw new RiotException(text(message, line, col));
    }

    @Override
    public void fatal(String message, long line, long col) {
      throw new RiotException(text(message, line, col));
    }

    private String text(String message, long line, long col) {
      String where = line > 0 ? " at line " + line + (col > 0 ? ", column " + col : "") : "";
      return format.name() + " syntax error" + where + ": " + message;
    }
  }
}
