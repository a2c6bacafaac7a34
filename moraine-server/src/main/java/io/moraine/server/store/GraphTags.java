package io.moraine.server.store;

import java.nio.charset.StandardCharsets;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.out.NodeFmtLib;

/**
 * Entity tags from a graph's content: the same triples give the same tag whatever their order, so a
 * tag changes exactly when the content does (blank nodes by their stored label). Two independent
 * 64-bit order-free sums of FNV-1a hashes over each triple's N-Triples text, and the size.
 */
final class GraphTags {
  static final String EMPTY = "0-0000000000000000-0000000000000000";

  private GraphTags() {}

  static String of(Graph g) {
    long sum = 0;
    long mixed = 0;
    long count = 0;
    var it = g.find();
    while (it.hasNext()) {
      long h = fnv(text(it.next()));
      sum += h;
      mixed += Long.rotateLeft(h * 0x9E3779B97F4A7C15L, 31) ^ (h >>> 29);
      count++;
    }
    return Long.toString(count, 36)
        + "-"
        + String.format("%016x", sum)
        + "-"
        + String.format("%016x", mixed);
  }

  private static String text(Triple t) {
    return str(t.getSubject()) + ' ' + str(t.getPredicate()) + ' ' + str(t.getObject());
  }

  private static String str(Node n) {
    return NodeFmtLib.strNT(n);
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
