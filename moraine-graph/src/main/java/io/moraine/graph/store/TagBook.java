package io.moraine.graph.store;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.jspecify.annotations.Nullable;

/**
 * The store's bookkeeping, kept in the TDB2 dataset's real default graph, which no query sees (the
 * query default graph is the union of the named graphs) and no update may write ({@link
 * UpdateGuard}): per named graph its tag, and for the store its id, a write counter and its quad
 * count. Every method runs inside the caller's transaction on the raw dataset; reads are one index
 * lookup each. A tag is {@code <store id>-<counter in base 36>}: the counter only grows, and the id
 * is new when a directory is created, so a tag is never reused for different content.
 */
final class TagBook {
  private static final String NS = "urn:moraine:meta#";
  private static final Node DEFAULT = Quad.defaultGraphIRI;
  private static final Node STORE = NodeFactory.createURI(NS + "store");
  private static final Node TAG = NodeFactory.createURI(NS + "tag");
  private static final Node ID = NodeFactory.createURI(NS + "id");
  private static final Node COUNTER = NodeFactory.createURI(NS + "counter");
  private static final Node QUADS = NodeFactory.createURI(NS + "quads");

  private final DatasetGraph dsg;

  TagBook(DatasetGraph dsg) {
    this.dsg = dsg;
  }

  /** In a write transaction: gives a new store its id, counter and quad count. */
  void initialize() {
    if (value(STORE, ID) != null) {
      return;
    }
    byte[] id = new byte[6];
    new SecureRandom().nextBytes(id);
    set(STORE, ID, NodeFactory.createLiteralString(HexFormat.of().formatHex(id)));
    set(STORE, COUNTER, longLiteral(0));
    long quads = 0;
    for (Iterator<Quad> it = dsg.findNG(Node.ANY, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); ) {
      it.next();
      quads++;
    }
    set(STORE, QUADS, longLiteral(quads));
    Iterator<Node> names = dsg.listGraphNodes();
    while (names.hasNext()) {
      set(names.next(), TAG, NodeFactory.createLiteralString(HexFormat.of().formatHex(id) + "-0"));
    }
  }

  /** The tag of {@code graph}, or null when it has no triples. */
  @Nullable String tag(Node graph) {
    Node v = value(graph, TAG);
    return v == null ? null : v.getLiteralLexicalForm();
  }

  /** Quads in the named graphs. */
  long quads() {
    Node v = value(STORE, QUADS);
    return v == null ? 0 : Long.parseLong(v.getLiteralLexicalForm());
  }

  /** Named graphs with triples (every one has a tag). */
  long graphs() {
    long n = 0;
    for (Iterator<Quad> it = dsg.find(DEFAULT, Node.ANY, TAG, Node.ANY); it.hasNext(); ) {
      it.next();
      n++;
    }
    return n;
  }

  /**
   * In a write transaction: records that {@code changed} graphs changed and the named graphs' quad
   * count moved by {@code quadDelta}. Graphs left empty lose their tag; the others get a new one.
   */
  void record(Set<Node> changed, long quadDelta) {
    if (changed.isEmpty() && quadDelta == 0) {
      return;
    }
    Node idNode = value(STORE, ID);
    Node counterNode = value(STORE, COUNTER);
    if (idNode == null || counterNode == null) {
      throw new IllegalStateException("BUG: the graph store's meta data was not initialized");
    }
    long counter = Long.parseLong(counterNode.getLiteralLexicalForm()) + 1;
    set(STORE, COUNTER, longLiteral(counter));
    set(STORE, QUADS, longLiteral(quads() + quadDelta));
    Node tag =
        NodeFactory.createLiteralString(
            idNode.getLiteralLexicalForm() + "-" + Long.toString(counter, 36));
    for (Node g : changed) {
      if (dsg.contains(g, Node.ANY, Node.ANY, Node.ANY)) {
        set(g, TAG, tag);
      } else {
        dsg.deleteAny(DEFAULT, g, TAG, Node.ANY);
      }
    }
  }

  private @Nullable Node value(Node subject, Node predicate) {
    Iterator<Quad> it = dsg.find(DEFAULT, subject, predicate, Node.ANY);
    return it.hasNext() ? it.next().getObject() : null;
  }

  private void set(Node subject, Node predicate, Node object) {
    dsg.deleteAny(DEFAULT, subject, predicate, Node.ANY);
    dsg.add(DEFAULT, subject, predicate, object);
  }

  private static Node longLiteral(long v) {
    return NodeFactory.createLiteralDT(Long.toString(v), XSDDatatype.XSDlong);
  }
}
