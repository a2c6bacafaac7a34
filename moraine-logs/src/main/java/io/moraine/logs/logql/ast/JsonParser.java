package io.moraine.logs.logql.ast;

import java.util.List;

/**
 * {@code | json} (every field, nested names joined with {@code _}) or {@code | json a="b.c", d}
 * (only those).
 */
public record JsonParser(List<LabelExtraction> extractions) implements Stage {
  public JsonParser {
    extractions = List.copyOf(extractions);
  }
}
