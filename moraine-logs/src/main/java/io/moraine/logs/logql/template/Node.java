package io.moraine.logs.logql.template;

import java.util.List;

/** The parsed template: immutable nodes. */
sealed interface Node {
  /** Literal text copied to the output. */
  record Text(String text) implements Node {}

  /** {@code {{ pipeline }}}: the pipeline's value is printed. */
  record Action(Pipe pipe) implements Node {}

  /** {@code {{if p}} a {{else}} b {{end}}}; {@code else if} nests in {@code otherwise}. */
  record If(Pipe condition, List<Node> then, List<Node> otherwise) implements Node {}

  /** {@code {{with p}} a {{else}} b {{end}}}: runs {@code then} with dot set to p's value. */
  record With(Pipe value, List<Node> then, List<Node> otherwise) implements Node {}

  /** Commands joined by {@code |}: each command's value becomes the next one's last argument. */
  record Pipe(List<Command> commands) {}

  /** A function call with arguments, or a single operand. */
  record Command(List<Arg> args) {}

  /** An operand. */
  sealed interface Arg {}

  /** {@code .a} (and {@code .a.b}: fields of fields, which fail on strings). */
  record Field(List<String> path) implements Arg {}

  /** {@code .}: the current data. */
  record Dot() implements Arg {}

  /** A string, number, bool or nil literal. */
  record Literal(Object value) implements Arg {}

  /** {@code nil}. */
  record Nil() implements Arg {}

  /** A function name. */
  record Function(String name) implements Arg {}

  /** {@code ( pipeline )}. */
  record Sub(Pipe pipe) implements Arg {}
}
