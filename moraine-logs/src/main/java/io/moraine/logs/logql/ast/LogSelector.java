package io.moraine.logs.logql.ast;

import io.moraine.core.labels.Matcher;
import java.util.List;

/**
 * A stream selector and its pipeline: {@code {app="x"} |= "err" | json}.
 *
 * @param matchers the stream matchers, at least one; as Loki, at least one must not match the empty
 *     string
 * @param stages the pipeline stages in order; empty when none
 */
public record LogSelector(List<Matcher> matchers, List<Stage> stages) implements Expr {
  public LogSelector {
    matchers = List.copyOf(matchers);
    stages = List.copyOf(stages);
  }
}
