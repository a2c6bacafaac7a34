package io.moraine.graph.sites;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link SiteView} question returns: the value, and warnings about parts it could not fill
 * (a usage query that failed leaves that usage null and says why here).
 */
public record Answer<T>(T value, List<String> warnings) {
  public Answer {
    Objects.requireNonNull(value, "value");
    warnings = List.copyOf(warnings);
  }
}
