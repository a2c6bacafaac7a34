package io.moraine.rules.file;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rule group as written in a rule file.
 *
 * @param interval the group's {@code interval}, or null for the global evaluation interval
 * @param limit the group's {@code limit} (0: no limit): more series or alerts than this fail the
 *     evaluation
 * @param queryOffset the group's {@code query_offset}, or null for the global one
 */
public record RuleGroupSpec(
    String name,
    @Nullable Duration interval,
    int limit,
    @Nullable Duration queryOffset,
    List<RuleSpec> rules,
    Position position) {
  public RuleGroupSpec {
    rules = List.copyOf(rules);
  }
}
