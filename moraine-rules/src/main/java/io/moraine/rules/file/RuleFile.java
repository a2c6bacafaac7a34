package io.moraine.rules.file;

import java.util.List;

/**
 * One rule file as loaded: its path (as given, used in the API's {@code file} field) and its groups
 * in file order. Immutable.
 */
public record RuleFile(String path, List<RuleGroupSpec> groups) {
  public RuleFile {
    groups = List.copyOf(groups);
  }
}
