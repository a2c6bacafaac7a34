package io.moraine.graph.shapes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.path.Path;

/**
 * A compiled set of SHACL shapes. {@link #standard()} holds Moraine's shapes ({@code
 * moraine.shapes.ttl} beside this class), one per class the exporter writes. Thread-safe and
 * immutable.
 */
public final class Shapes {
  private static final String STANDARD = "moraine.shapes.ttl";

  private final org.apache.jena.shacl.Shapes compiled;

  private Shapes(Graph shapesGraph) {
    this.compiled = org.apache.jena.shacl.Shapes.parse(shapesGraph);
  }

  /** Moraine's own shapes (parsed once). */
  public static Shapes standard() {
    return Standard.SHAPES;
  }

  private static final class Standard {
    static final Shapes SHAPES = new Shapes(load(STANDARD));
  }

  /** Shapes from a Turtle graph of SHACL shapes. */
  public static Shapes of(Graph shapesGraph) {
    return new Shapes(shapesGraph);
  }

  /** The shapes as RDF (for serving and for tests). */
  public Graph graph() {
    return compiled.getGraph();
  }

  /** One failed constraint: the focus node, the property path (empty when none) and the message. */
  public record Violation(String focusNode, String path, String message) {
    @Override
    public String toString() {
      return focusNode + (path.isEmpty() ? "" : " " + path) + ": " + message;
    }
  }

  /** Every violation of {@code data} (empty when it conforms), sorted by focus node and path. */
  public List<Violation> validate(Graph data) {
    ValidationReport report = ShaclValidator.get().validate(compiled, data);
    List<Violation> out = new ArrayList<>();
    for (ReportEntry e : report.getEntries()) {
      Path p = e.resultPath();
      out.add(
          new Violation(
              text(e.focusNode()),
              p == null ? "" : p.toString(),
              Objects.toString(e.message(), "")));
    }
    out.sort(Comparator.comparing(Violation::focusNode).thenComparing(Violation::path));
    return out;
  }

  private static String text(Node n) {
    return n.isURI() ? "<" + n.getURI() + ">" : n.toString();
  }

  private static Graph load(String resource) {
    Graph g = GraphFactory.createDefaultGraph();
    try (InputStream in = Shapes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      RDFParser.source(in).lang(Lang.TURTLE).parse(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return g;
  }
}
