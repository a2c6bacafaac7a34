package io.moraine.rules.template;

import io.moraine.core.labels.GoQuote;
import io.moraine.rules.template.Node.BoolNode;
import io.moraine.rules.template.Node.BreakNode;
import io.moraine.rules.template.Node.ChainNode;
import io.moraine.rules.template.Node.CommandNode;
import io.moraine.rules.template.Node.ContinueNode;
import io.moraine.rules.template.Node.ControlKind;
import io.moraine.rules.template.Node.ControlNode;
import io.moraine.rules.template.Node.DotNode;
import io.moraine.rules.template.Node.FieldNode;
import io.moraine.rules.template.Node.IdentifierNode;
import io.moraine.rules.template.Node.ListNode;
import io.moraine.rules.template.Node.NilNode;
import io.moraine.rules.template.Node.NumberNode;
import io.moraine.rules.template.Node.PipeNode;
import io.moraine.rules.template.Node.StringNode;
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

  private static final class LoopSignal extends RuntimeException {
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

  private @Nullable Object evalPipeline(@Nullable Object dot, @Nullable PipeNode pipe) {
    if (pipe == null) {
      return null;
    }
    node = pipe;
    @Nullable Object value = MISSING;
    for (CommandNode cmd : pipe.cmds()) {
      value = evalCommand(dot, cmd, value);
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

  private @Nullable Object evalCommand(
      @Nullable Object dot, CommandNode cmd, @Nullable Object fin) {
    Node first = cmd.args().get(0);
    switch (first) {
      case FieldNode f -> {
        node = f;
        return fieldChain(dot, dot, f.idents(), cmd.args(), fin);
      }
      case ChainNode c -> {
        return evalChain(dot, c, cmd.args(), fin);
      }
      case IdentifierNode id -> {
        return evalFunction(dot, id, cmd, cmd.args(), fin);
      }
      case PipeNode p -> {
        notAFunction(cmd.args(), fin);
        return evalPipeline(dot, p);
      }
      case VariableNode v -> {
        return evalVariable(dot, v, cmd.args(), fin);
      }
      default -> {}
    }
    node = first;
    notAFunction(cmd.args(), fin);
    return switch (first) {
      case BoolNode b -> b.value();
      case DotNode d -> dot;
      case NilNode n -> throw error("nil is not a command");
      case NumberNode n -> idealConstant(n);
      case StringNode s -> s.text();
      default -> throw error("can't evaluate command " + GoQuote.quote(first.describe()));
    };
  }

  private Object idealConstant(NumberNode n) {
    node = n;
    if (n.floatSyntax()) {
      return n.floatValue();
    }
    if (n.isInt()) {
      return n.intValue();
    }
    throw error(n.text() + " overflows int");
  }

  private void notAFunction(List<Node> args, @Nullable Object fin) {
    if (args.size() > 1 || fin != MISSING) {
      throw error("can't give argument to non-function " + args.get(0).describe());
    }
  }

  private @Nullable Object evalChain(
      @Nullable Object dot, ChainNode c, List<Node> args, @Nullable Object fin) {
    node = c;
    if (c.node() instanceof NilNode) {
      throw error("indirection through explicit nil in " + c.describe());
    }
    Object recv = evalArg(dot, Func.Param.ANY, c.node());
    return fieldChain(dot, recv, c.fields(), args, fin);
  }

  private @Nullable Object evalVariable(
      @Nullable Object dot, VariableNode v, List<Node> args, @Nullable Object fin) {
    node = v;
    Object value = varValue(v.name());
    if (v.idents().size() == 1) {
      notAFunction(args, fin);
      return value;
    }
    return fieldChain(dot, value, v.idents().subList(1, v.idents().size()), args, fin);
  }

  private @Nullable Object fieldChain(
      @Nullable Object dot,
      @Nullable Object recv,
      List<String> idents,
      List<Node> args,
      @Nullable Object fin) {
    Node at = node == null ? new DotNode(0) : node;
    int n = idents.size();
    for (int i = 0; i < n - 1; i++) {
      recv = Fields.get(this, at, dot, recv, idents.get(i), List.of(), MISSING);
    }
    return Fields.get(this, at, dot, recv, idents.get(n - 1), args, fin);
  }

  private @Nullable Object evalFunction(
      @Nullable Object dot, IdentifierNode id, Node cmd, List<Node> args, @Nullable Object fin) {
    node = id;
    Func f = funcs.get(id.name());
    if (f == null) {
      throw error(GoQuote.quote(id.name()) + " is not a defined function");
    }
    return call(dot, f, cmd, args, fin);
  }

  /** Calls {@code f} with the argument nodes after the first (the function's own) and fin. */
  @Nullable Object call(
      @Nullable Object dot, Func f, Node at, List<Node> argNodes, @Nullable Object fin) {
    List<Node> args = argNodes.isEmpty() ? argNodes : argNodes.subList(1, argNodes.size());
    int numIn = args.size() + (fin != MISSING ? 1 : 0);
    int declared = f.params().size();
    if (f.variadic() ? numIn < declared - 1 : numIn != declared) {
      String want = f.variadic() ? "at least " + (declared - 1) : Integer.toString(declared);
      throw error(
          "wrong number of args for "
              + f.name()
              + ": want "
              + want
              + " got "
              + (f.variadic() ? args.size() : numIn));
    }
    boolean andOr = f.name().equals("and") || f.name().equals("or");
    List<@Nullable Object> argv = new ArrayList<>(numIn);
    for (int i = 0; i < args.size(); i++) {
      Object v = evalArg(dot, f.param(i), args.get(i));
      if (andOr && Values.truth(v) == f.name().equals("or")) {
        return v; // short-circuit
      }
      argv.add(v);
    }
    if (fin != MISSING) {
      argv.add(validate(fin, f.param(argv.size())));
    }
    try {
      return f.body().call(new Args(argv), this);
    } catch (ExecError | LoopSignal e) {
      throw e;
    } catch (Exception e) {
      node = at;
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw error("error calling " + f.name() + ": " + msg);
    }
  }

  @Nullable Object validate(@Nullable Object v, Func.Param p) {
    if (v == null) {
      if (p.canBeNil()) {
        return null;
      }
      throw error("invalid value; expected " + p.goType);
    }
    if (!p.accepts(v)) {
      throw error("wrong type for value; expected " + p.goType + "; got " + Values.typeName(v));
    }
    return v;
  }

  @Nullable Object evalArg(@Nullable Object dot, Func.Param p, Node n) {
    node = n;
    switch (n) {
      case DotNode d -> {
        return validate(dot, p);
      }
      case NilNode nil -> {
        if (p.canBeNil()) {
          return null;
        }
        throw error("cannot assign nil to " + p.goType);
      }
      case FieldNode f -> {
        return validate(fieldChain(dot, dot, f.idents(), List.of(n), MISSING), p);
      }
      case VariableNode v -> {
        return validate(evalVariable(dot, v, List.of(), MISSING), p);
      }
      case PipeNode pipe -> {
        return validate(evalPipeline(dot, pipe), p);
      }
      case IdentifierNode id -> {
        return validate(evalFunction(dot, id, id, List.of(), MISSING), p);
      }
      case ChainNode c -> {
        return validate(evalChain(dot, c, List.of(), MISSING), p);
      }
      default -> {}
    }
    return switch (p) {
      case ANY, VALUE ->
          switch (n) {
            case BoolNode b -> b.value();
            case NumberNode num -> idealConstant(num);
            case StringNode s -> s.text();
            default ->
                throw error(
                    "can't handle assignment of " + n.describe() + " to empty interface argument");
          };
      case STRING -> {
        if (n instanceof StringNode s) {
          yield s.text();
        }
        throw error("expected string; found " + n.describe());
      }
      case INT -> {
        if (n instanceof NumberNode num && num.isInt()) {
          yield num.intValue();
        }
        throw error("expected integer; found " + n.describe());
      }
      case FLOAT -> {
        if (n instanceof NumberNode num && num.isFloat()) {
          yield num.floatValue();
        }
        throw error("expected float; found " + n.describe());
      }
      default -> throw error("can't handle " + n.describe() + " for arg of type " + p.goType);
    };
  }

  void at(Node n) {
    node = n;
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

  private @Nullable Object varValue(String name) {
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
