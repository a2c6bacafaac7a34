package io.moraine.rules.template;

import io.moraine.core.labels.GoQuote;
import io.moraine.rules.template.Node.BreakNode;
import io.moraine.rules.template.Node.CommandNode;
import io.moraine.rules.template.Node.ContinueNode;
import io.moraine.rules.template.Node.ControlKind;
import io.moraine.rules.template.Node.ControlNode;
import io.moraine.rules.template.Node.ListNode;
import io.moraine.rules.template.Node.PipeNode;
import io.moraine.rules.template.Node.TemplateNode;
import io.moraine.rules.template.Node.TextNode;
import io.moraine.rules.template.Node.VariableNode;
import io.moraine.rules.template.Parser.Parsed;
import io.moraine.rules.template.Values.GoMap;
import io.moraine.rules.template.Values.QueryResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One execution of a parsed template: walks the tree with a variable stack and writes the output.
 * Errors read as Go's ({@code template: NAME:LINE:COL: executing "NAME" at <CONTEXT>: MSG}). Not
 * thread-safe; one instance per execution (the tree is shared).
 */
final class Exec implements Func.Env {
  /** An execution error with its full Go message. */
  static final class ExecError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExecError(String message) {
      super(message, null, false, false);
    }
  }

  /** Deeper nesting of {@code template} calls fails instead of overflowing the Java stack. */
  static final int MAX_DEPTH = 1000;

  /** Go's missingVal: no value piped in from a previous command. */
  static final Object MISSING = new Object();

  /** Unwinds a {@code range} iteration for {@code break} or {@code continue}. */
  static final class LoopSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean isBreak;

    LoopSignal(boolean isBreak) {
      super(null, null, false, false);
      this.isBreak = isBreak;
    }
  }

  private static final LoopSignal BREAK = new LoopSignal(true);
  private static final LoopSignal CONTINUE = new LoopSignal(false);

  private final Parsed parsed;
  private final Map<String, Func> funcs;
  private final Calls calls;
  private final TemplateData data;
  private final StringBuilder out = new StringBuilder();
  private final List<String> varNames = new ArrayList<>();
  private final List<@Nullable Object> varValues = new ArrayList<>();
  private String current;
  private @Nullable Node node;
  private int depth;

  private Exec(Parsed parsed, Map<String, Func> funcs, TemplateData data) {
    this.parsed = parsed;
    this.funcs = funcs;
    this.calls = new Calls(this, funcs);
    this.data = data;
    this.current = parsed.name();
  }

  @Override
  public TemplateData data() {
    return data;
  }

  /**
   * Runs the template's main tree on {@code dot}.
   *
   * @throws ExecError with Go's message
   */
  static String execute(
      Parsed parsed, Map<String, Func> funcs, TemplateData data, @Nullable Object dot) {
    Exec s = new Exec(parsed, funcs, data);
    s.push("$", dot);
    ListNode root = parsed.templates().get(parsed.name());
    if (root == null) {
      throw new ExecError("template: " + parsed.name() + ": no such template");
    }
    s.walk(dot, root);
    return s.out.toString();
  }

  private void walk(@Nullable Object dot, Node n) {
    node = n;
    switch (n) {
      case Node.ActionNode a -> {
        Object v = evalPipeline(dot, a.pipe());
        if (a.pipe().decl().isEmpty()) {
          node = a;
          out.append(Values.printable(v));
        }
      }
      case ControlNode c when c.kind() == ControlKind.RANGE -> walkRange(dot, c);
      case ControlNode c -> walkIfOrWith(dot, c);
      case ListNode l -> {
        for (Node child : l.nodes()) {
          walk(dot, child);
        }
      }
      case TextNode t -> out.append(t.text());
      case TemplateNode t -> walkTemplate(dot, t);
      case BreakNode b -> throw BREAK;
      case ContinueNode c -> throw CONTINUE;
      default -> throw error("unknown node: " + n.describe());
    }
  }

  private void walkIfOrWith(@Nullable Object dot, ControlNode c) {
    int mark = varNames.size();
    try {
      Object v = evalPipeline(dot, c.pipe());
      if (Values.truth(v)) {
        walk(c.kind() == ControlKind.WITH ? v : dot, c.list());
      } else if (c.elseList() != null) {
        walk(dot, c.elseList());
      }
    } finally {
      pop(mark);
    }
  }

  private void walkRange(@Nullable Object dot, ControlNode r) {
    node = r;
    int outer = varNames.size();
    try {
      Object v = evalPipeline(dot, r.pipe());
      int mark = varNames.size();
      int decls = r.pipe().decl().size();
      List<@Nullable Object> keys = new ArrayList<>();
      List<@Nullable Object> elems = new ArrayList<>();
      switch (v) {
        case QueryResult q -> {
          for (int i = 0; i < q.samples().size(); i++) {
            keys.add((long) i);
            elems.add(q.samples().get(i));
          }
        }
        case Values.GoList l -> {
          for (int i = 0; i < l.items().size(); i++) {
            keys.add((long) i);
            elems.add(l.items().get(i));
          }
        }
        case GoMap m -> {
          for (Map.Entry<String, @Nullable Object> e : m.entries().entrySet()) {
            keys.add(e.getKey());
            elems.add(e.getValue());
          }
        }
        case null -> {}
        default -> throw error("range can't iterate over " + Values.sprint(v));
      }
      for (int i = 0; i < elems.size(); i++) {
        if (decls > 0) {
          varValues.set(varValues.size() - 1, elems.get(i));
        }
        if (decls > 1) {
          varValues.set(varValues.size() - 2, keys.get(i));
        }
        try {
          walk(elems.get(i), r.list());
        } catch (LoopSignal sig) {
          if (sig.isBreak) {
            break;
          }
        } finally {
          pop(mark);
        }
      }
      if (elems.isEmpty() && r.elseList() != null) {
        walk(dot, r.elseList());
      }
    } finally {
      pop(outer);
    }
  }

  private void walkTemplate(@Nullable Object dot, TemplateNode t) {
    node = t;
    ListNode tree = parsed.templates().get(t.name());
    if (tree == null) {
      throw error("template " + GoQuote.quote(t.name()) + " not defined");
    }
    if (depth >= MAX_DEPTH) {
      throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
    }
    Object newDot = t.pipe() == null ? null : evalPipeline(dot, t.pipe());
    Exec inner = new Exec(parsed, funcs, data);
    inner.depth = depth + 1;
    inner.current = t.name();
    inner.push("$", newDot);
    try {
      inner.walk(newDot, tree);
    } finally {
      out.append(inner.out);
    }
  }

  /** Evaluates {@code pipe} (null gives null), declaring or assigning its variables. */
  @Nullable Object evalPipeline(@Nullable Object dot, @Nullable PipeNode pipe) {
    if (pipe == null) {
      return null;
    }
    node = pipe;
    @Nullable Object value = MISSING;
    for (CommandNode cmd : pipe.cmds()) {
      value = calls.evalCommand(dot, cmd, value);
    }
    for (VariableNode v : pipe.decl()) {
      if (pipe.isAssign()) {
        setVar(v.name(), value);
      } else {
        push(v.name(), value);
      }
    }
    return value;
  }

  /** Calls {@code f} with the argument nodes after the first (the function's own) and fin. */
  @Nullable Object call(
      @Nullable Object dot, Func f, Node at, List<Node> argNodes, @Nullable Object fin) {
    return calls.call(dot, f, at, argNodes, fin);
  }

  /** Makes {@code n} the node errors are reported at. */
  void at(Node n) {
    node = n;
  }

  /** The node errors are reported at, if any. */
  @Nullable Node node() {
    return node;
  }

  private void push(String name, @Nullable Object value) {
    varNames.add(name);
    varValues.add(value);
  }

  private void pop(int mark) {
    varNames.subList(mark, varNames.size()).clear();
    varValues.subList(mark, varValues.size()).clear();
  }

  private void setVar(String name, @Nullable Object value) {
    int i = varNames.lastIndexOf(name);
    if (i < 0) {
      throw error("undefined variable: " + name);
    }
    varValues.set(i, value);
  }

  /** The innermost variable named {@code name}; an error when none is in scope. */
  @Nullable Object varValue(String name) {
    int i = varNames.lastIndexOf(name);
    if (i < 0) {
      throw error("undefined variable: " + name);
    }
    return varValues.get(i);
  }

  /** An execution error at the current node, worded as Go's. */
  ExecError error(String message) {
    Node n = node;
    if (n == null) {
      return new ExecError("template: " + current + ": " + message);
    }
    String text = parsed.text();
    int pos = Math.min(n.pos(), text.length());
    int nl = text.lastIndexOf('\n', pos - 1);
    int line = 1;
    for (int i = 0; i < pos; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    int col = text.substring(nl + 1, pos).getBytes(StandardCharsets.UTF_8).length;
    String context = n.describe();
    if (context.length() > 20) {
      context = context.substring(0, 20) + "...";
    }
    return new ExecError(
        "template: "
            + parsed.name()
            + ":"
            + line
            + ":"
            + col
            + ": executing "
            + GoQuote.quote(current)
            + " at <"
            + context
            + ">: "
            + message);
  }
}
