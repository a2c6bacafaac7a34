package io.moraine.logs.logql.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code | pattern "<ip> - <_> <status>"}: named captures become labels (see {@link LinePattern}).
 */
final class PatternStage implements CompiledStage {
  private final LinePattern pattern;
  private final String[] names;

  PatternStage(String pattern) {
    this.pattern = LinePattern.parse(pattern, true);
    List<String> n = this.pattern.names();
    this.names = n.toArray(new String[0]);
  }

  @Override
  public StageRunner newRunner() {
    int[] starts = new int[names.length];
    int[] ends = new int[names.length];
    return e -> {
      int n = pattern.match(e.line, e.offset, e.length, starts, ends);
      for (int i = 0; i < n; i++) {
        String v = new String(e.line, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
        e.labels.set(LabelNames.deduplicated(names[i], e.labels), v);
      }
      return true;
    };
  }
}
