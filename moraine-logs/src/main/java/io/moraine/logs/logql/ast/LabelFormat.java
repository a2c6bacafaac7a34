package io.moraine.logs.logql.ast;

import java.util.List;

/** {@code | label_format dst=src, dst2="{{.a}}"}: renames and templated labels, in order. */
public record LabelFormat(List<Operation> operations) implements Stage {
  public LabelFormat {
    operations = List.copyOf(operations);
  }

  /**
   * One assignment.
   *
   * @param target the label written
   * @param source the label renamed to {@code target} (when {@code template} is false), or a Go
   *     template whose output becomes {@code target}'s value (when true)
   * @param template whether {@code source} is a template string
   */
  public record Operation(String target, String source, boolean template) {}
}
