package io.moraine.ingest.relabel;

import io.moraine.core.labels.Labels;
import java.util.List;

/** The source labels of a step and their separator. Immutable and thread-safe. */
final class Source {
  private final String[] names;
  private final String separator;

  Source(List<String> names, String separator) {
    this.names = names.toArray(String[]::new);
    this.separator = separator;
  }

  /** The values joined with the separator, "" standing for a missing label; one label: no copy. */
  String value(Labels in) {
    if (names.length == 1) {
      return in.getOrEmpty(names[0]);
    }
    if (names.length == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder(64);
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(separator);
      }
      String v = in.get(names[i]);
      if (v != null) {
        sb.append(v);
      }
    }
    return sb.toString();
  }
}
