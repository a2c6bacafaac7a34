package io.moraine.graph.sites;

import io.moraine.graph.render.Vocab;
import org.jspecify.annotations.Nullable;

/**
 * The unit of a reported value: a short name for people and programs, and its QUDT IRI. CPU cores
 * and counts share QUDT's {@code unit:NUM} (docs/graph.md says why); the short name tells them
 * apart.
 */
public enum Unit {
  /** CPU cores: CPU-seconds per second, as Kubernetes counts {@code cpu}. */
  CORES("cores", Vocab.Unit.NUM.getURI()),
  BYTES("bytes", Vocab.Unit.BYTE.getURI()),
  BYTES_PER_SECOND("bytes/s", Vocab.Unit.BYTE_PER_SEC.getURI()),
  WATTS("W", Vocab.Unit.WATT.getURI()),
  /** Utilisation; summed over devices, so two busy GPUs are 200. */
  PERCENT("percent", Vocab.Unit.PERCENT.getURI()),
  /** A number of things (GPUs). */
  COUNT("count", Vocab.Unit.NUM.getURI());

  private final String wireName;
  private final String iri;

  Unit(String wireName, String iri) {
    this.wireName = wireName;
    this.iri = iri;
  }

  /** The short name ({@code cores}, {@code bytes}, {@code bytes/s}, {@code W}...). */
  public String wireName() {
    return wireName;
  }

  /** The QUDT unit's IRI. */
  public String iri() {
    return iri;
  }

  /**
   * The unit a graph value in {@code iri} has when it measures {@code resource}, or null when the
   * IRI is none of these units (or means something else for that resource).
   */
  static @Nullable Unit of(String iri, Resource resource) {
    if (iri.equals(Vocab.Unit.NUM.getURI())) {
      return resource == Resource.CPU ? CORES : resource == Resource.GPU ? COUNT : null;
    }
    if (iri.equals(Vocab.Unit.BIT_PER_SEC.getURI())) {
      return null;
    }
    for (Unit u : values()) {
      if (u.iri.equals(iri)) {
        return u;
      }
    }
    return null;
  }
}
