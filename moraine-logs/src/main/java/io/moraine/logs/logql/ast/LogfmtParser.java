package io.moraine.logs.logql.ast;

import java.util.List;

/** {@code | logfmt [--strict] [--keep-empty] [a="b", c]}. */
public record LogfmtParser(boolean strict, boolean keepEmpty, List<LabelExtraction> extractions)
    implements Stage {
  public LogfmtParser {
    extractions = List.copyOf(extractions);
  }
}
