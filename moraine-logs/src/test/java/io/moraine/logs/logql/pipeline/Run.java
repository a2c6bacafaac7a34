package io.moraine.logs.logql.pipeline;

import io.moraine.core.labels.Labels;
import io.moraine.logs.logql.ast.Stage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Test helper: runs stages over one line and returns what came out (null when dropped). */
record Run(String line, Labels labels) {
  static @Nullable Run of(Labels stream, String line, Stage... stages) {
    StreamPipeline sp = Pipelines.compile(List.of(stages)).forStream(stream);
    byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8); // offset slice on purpose
    int len = line.getBytes(StandardCharsets.UTF_8).length;
    if (!sp.process(1_700_000_000_123_000_000L, b, 2, len, Labels.EMPTY)) {
      return null;
    }
    return new Run(
        new String(sp.lineBytes(), sp.lineOffset(), sp.lineLength(), StandardCharsets.UTF_8),
        sp.labels());
  }

  static @Nullable Run of(String line, Stage... stages) {
    return of(Labels.of("app", "web"), line, stages);
  }

  /** Like {@link #of(Labels, String, Stage...)} but fails when the entry was dropped. */
  static Run kept(Labels stream, String line, Stage... stages) {
    Run r = of(stream, line, stages);
    if (r == null) {
      throw new AssertionError("entry was dropped: " + line);
    }
    return r;
  }

  static Run kept(String line, Stage... stages) {
    return kept(Labels.of("app", "web"), line, stages);
  }
}
