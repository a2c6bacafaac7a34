package io.moraine.graph.sites;

import io.moraine.graph.render.Vocab;
import io.moraine.graph.store.GraphStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.engine.binding.Binding;
import org.jspecify.annotations.Nullable;

/**
 * Runs the view's SELECT queries against the store and copies their rows out of the read
 * transaction; reads literals leniently (a malformed value reads as absent). Thread-safe.
 */
final class Sparql {
  static final String PREFIXES =
      "PREFIX glc: <"
          + Vocab.Glc.NS
          + ">\nPREFIX k8s: <"
          + Vocab.K8s.NS
          + ">\nPREFIX mor: <"
          + Vocab.Mor.NS
          + ">\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n";

  private final GraphStore store;
  private final long timeoutMillis;

  Sparql(GraphStore store, long timeoutMillis) {
    this.store = store;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * The rows of {@code select} (prefixes added), each variable to its value; unbound ones absent.
   */
  List<Map<String, Node>> select(String select) {
    List<Map<String, Node>> rows = new ArrayList<>();
    store.query(
        QueryFactory.create(PREFIXES + select),
        timeoutMillis,
        qe -> {
          // TDB2 (Jena 6.0.0) fails a query whose filter placement splits a basic graph pattern
          // so that its second part is reordered over an empty input ("Peek iterator is already
          // empty"); the view's queries are small, so they keep their patterns whole.
          qe.getContext().set(ARQ.optFilterPlacement, false);
          qe.getContext().set(ARQ.optFilterPlacementBGP, false);
          ResultSet rs = qe.execSelect();
          while (rs.hasNext()) {
            Binding b = rs.nextBinding();
            Map<String, Node> row = new HashMap<>();
            b.vars().forEachRemaining(v -> row.put(v.getVarName(), b.get(v)));
            rows.add(row);
          }
        });
    return rows;
  }

  /** {@code VALUES ?var { <a> <b> }}. */
  static String values(String var, Collection<Node> iris) {
    StringBuilder sb = new StringBuilder("VALUES ?").append(var).append(" {");
    for (Node n : iris) {
      sb.append(' ').append(iri(n.getURI()));
    }
    return sb.append(" }\n").toString();
  }

  static String iri(String iri) {
    return "<" + iri + ">";
  }

  static String time(Instant t) {
    return "\"" + t + "\"^^xsd:dateTime";
  }

  /** A SPARQL string literal. */
  static String text(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  static String string(@Nullable Node n) {
    return n != null && n.isLiteral() ? n.getLiteralLexicalForm() : "";
  }

  static @Nullable Double number(@Nullable Node n) {
    if (n == null || !n.isLiteral()) {
      return null;
    }
    try {
      double v = Double.parseDouble(n.getLiteralLexicalForm().trim());
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static @Nullable Instant instant(@Nullable Node n) {
    if (n == null || !n.isLiteral()) {
      return null;
    }
    String s = n.getLiteralLexicalForm();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
