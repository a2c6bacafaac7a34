package io.moraine.graph.sites;

/**
 * The SPARQL that reads an entity's status and keeps it only when it existed during the window: it
 * began ({@code ?from}) no later than the window's end and had not ended ({@code ?et}) before its
 * start.
 */
final class Existence {
  private Existence() {}

  /**
   * Binds {@code ?desc}, {@code ?st}, {@code ?et}, {@code ?created} of {@code ?e} and filters on
   * the window; {@code ?from} is {@code first} else {@code second} (each {@code ?st} or {@code
   * ?created}).
   */
  static String filter(String var, Window w, String first, String second) {
    return "OPTIONAL { ?"
        + var
        + " glc:hasStatus ?s .\n"
        + "  OPTIONAL { ?s glc:hasDescription ?desc }\n"
        + "  OPTIONAL { ?s glc:startTime ?st }\n"
        + "  OPTIONAL { ?s glc:endTime ?et } }\n"
        + "OPTIONAL { ?"
        + var
        + " mor:created ?created }\n"
        + "BIND(COALESCE(?"
        + first
        + ", ?"
        + second
        + ") AS ?from)\n"
        + "FILTER(BOUND(?from) && ?from <= "
        + Sparql.time(w.end())
        + " && (!BOUND(?et) || ?et >= "
        + Sparql.time(w.start())
        + "))\n";
  }
}
