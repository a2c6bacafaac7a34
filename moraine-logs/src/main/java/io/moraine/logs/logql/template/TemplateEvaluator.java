package io.moraine.logs.logql.template;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Walks the node tree once for one execution. Not thread-safe; one per execution. */
final class TemplateEvaluator {
  /** The top-level dot: the label map. */
  private static final Object LABELS = new Object();

  private final Evaluation ev;
  private final StringBuilder out;

  TemplateEvaluator(Evaluation ev, StringBuilder out) {
    this.ev = ev;
    this.out = out;
  }

  void run(List<Node> nodes) {
    run(nodes, LABELS);
  }

  private void run(List<Node> nodes, Object dot) {
    for (Node n : nodes) {
      switch (n) {
        case Node.Text t -> out.append(t.text());
        case Node.Action a -> out.append(GoValues.print(pipe(a.pipe(), dot)));
        case Node.If f ->
            run(GoValues.truth(pipe(f.condition(), dot)) ? f.then() : f.otherwise(), dot);
        case Node.With w -> {
          Object v = pipe(w.value(), dot);
          if (GoValues.truth(v) && v != null) {
            run(w.then(), v);
          } else {
            run(w.otherwise(), dot);
          }
        }
      }
    }
  }

  private @Nullable Object pipe(Node.Pipe p, Object dot) {
    Object prev = null;
    boolean hasPrev = false;
    for (Node.Command c : p.commands()) {
      prev = command(c, dot, prev, hasPrev);
      hasPrev = true;
    }
    return prev;
  }

  private @Nullable Object command(
      Node.Command c, Object dot, @Nullable Object prev, boolean hasPrev) {
    List<Node.Arg> args = c.args();
    if (!(args.getFirst() instanceof Node.Function f)) {
      if (args.size() > 1 || hasPrev) {
        throw new TemplateException(
            "template: can't give argument to non-function " + args.getFirst());
      }
      return operand(args.getFirst(), dot);
    }
    String name = f.name();
    if (name.equals("and") || name.equals("or")) {
      return andOr(name.equals("and"), args, dot, prev, hasPrev);
    }
    int n = args.size() - 1 + (hasPrev ? 1 : 0);
    TemplateFunctions.Row row = TemplateFunctions.get(name);
    if (row.arity() >= 0 && row.arity() != n) {
      throw new TemplateException(
          "template: wrong number of args for " + name + ": want " + row.arity() + " got " + n);
    }
    @Nullable Object[] values = new @Nullable Object[n];
    for (int i = 1; i < args.size(); i++) {
      values[i - 1] = operand(args.get(i), dot);
    }
    if (hasPrev) {
      values[n - 1] = prev;
    }
    try {
      return row.fn().call(values, ev);
    } catch (TemplateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new TemplateException("template: error calling " + name + ": " + e.getMessage());
    }
  }

  /** and/or evaluate lazily, returning the deciding operand. */
  private @Nullable Object andOr(
      boolean and, List<Node.Arg> args, Object dot, @Nullable Object prev, boolean hasPrev) {
    int n = args.size() - 1 + (hasPrev ? 1 : 0);
    if (n < 1) {
      throw new TemplateException("template: wrong number of args for " + (and ? "and" : "or"));
    }
    Object v = null;
    for (int i = 1; i <= n; i++) {
      v = i < args.size() ? operand(args.get(i), dot) : prev;
      if (GoValues.truth(v) != and) {
        return v;
      }
    }
    return v;
  }

  private @Nullable Object operand(Node.Arg a, Object dot) {
    return switch (a) {
      case Node.Literal l -> l.value();
      case Node.Nil x -> null;
      case Node.Dot d -> dot == LABELS ? "map[...]" : dot;
      case Node.Sub s -> pipe(s.pipe(), dot);
      case Node.Function f -> command(new Node.Command(List.of(a)), dot, null, false);
      case Node.Field f -> field(f, dot);
    };
  }

  private Object field(Node.Field f, Object dot) {
    if (dot != LABELS) {
      throw new TemplateException(
          "template: can't evaluate field "
              + f.path().getFirst()
              + " in type "
              + GoValues.goType(dot));
    }
    String v = ev.data().label(f.path().getFirst());
    String value = v == null ? "" : v;
    if (f.path().size() > 1) {
      throw new TemplateException(
          "template: can't evaluate field " + f.path().get(1) + " in type string");
    }
    return value;
  }
}
