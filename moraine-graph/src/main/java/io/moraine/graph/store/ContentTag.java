package io.moraine.graph.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.out.NodeFmtLib;

/**
 * The remote store's tag: the first 96 bits of the SHA-256 of the graph's N-Triples lines, sorted,
 * with every blank node written {@code _:b} (labels differ from one fetch to the next). Costs a
 * full fetch of the graph, O(n log n) to sort and O(n) to hash. Equal content gives an equal tag;
 * graphs that differ only in which blank node is which share a tag.
 */
final class ContentTag {
  private ContentTag() {}

  static String of(Graph graph) {
    List<String> lines = new ArrayList<>(graph.size());
    graph.find().forEachRemaining(t -> lines.add(line(t)));
    Collections.sort(lines);
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: the JDK has no SHA-256", e);
    }
    for (String line : lines) {
      sha.update(line.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
    }
    byte[] digest = sha.digest();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(java.util.Arrays.copyOf(digest, 12));
  }

  private static String line(Triple t) {
    return term(t.getSubject()) + ' ' + term(t.getPredicate()) + ' ' + term(t.getObject()) + " .";
  }

  private static String term(Node n) {
    return n.isBlank() ? "_:b" : NodeFmtLib.strNT(n);
  }
}
