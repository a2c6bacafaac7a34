package io.moraine.rules.template;

import io.moraine.core.labels.GoQuote;
import io.moraine.rules.template.Exec.ExecError;
import io.moraine.rules.template.Node.BoolNode;
import io.moraine.rules.template.Node.ChainNode;
import io.moraine.rules.template.Node.CommandNode;
import io.moraine.rules.template.Node.DotNode;
import io.moraine.rules.template.Node.FieldNode;
import io.moraine.rules.template.Node.IdentifierNode;
import io.moraine.rules.template.Node.NilNode;
import io.moraine.rules.template.Node.NumberNode;
import io.moraine.rules.template.Node.PipeNode;
import io.moraine.rules.template.Node.StringNode;
import io.moraine.rules.template.Node.VariableNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates one pipeline command for an {@link Exec}: function and method calls, field chains,
 * variables, constants, and the arguments of calls converted and checked against the declared Go
 * parameter types, with Go's messages. Reports its position and errors through the owning {@link
 * Exec}. Not thread-safe; one instance per execution, like its {@code Exec}.
 */
final class Calls {
  private static final Object MISSING = Exec.MISSING;

  private final Exec exec;
  private final Map<String, Func> funcs;

  Calls(Exec exec, Map<String, Func> funcs) {
    this.exec = exec;
    this.funcs = funcs;
  }

  /**
   * Evaluates {@code cmd} on {@code dot}; {@code fin} is the value piped in, or {@link
   * Exec#MISSING}.
   */
  @Nullable Object evalCommand(@Nullable Object dot, CommandNode cmd, @Nullable Object fin) {
    Node first = cmd.args().get(0);
    switch (first) {
      case FieldNode f -> {
        exec.at(f);
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
        return exec.evalPipeline(dot, p);
      }
      case VariableNode v -> {
        return evalVariable(dot, v, cmd.args(), fin);
      }
      default -> {}
    }
    exec.at(first);
    notAFunction(cmd.args(), fin);
    return switch (first) {
      case BoolNode b -> b.value();
      case DotNode d -> dot;
      case NilNode n -> throw exec.error("nil is not a command");
      case NumberNode n -> idealConstant(n);
      case StringNode s -> s.text();
      default -> throw exec.error("can't evaluate command " + GoQuote.quote(first.describe()));
    };
  }

  private Object idealConstant(NumberNode n) {
    exec.at(n);
    if (n.floatSyntax()) {
      return n.floatValue();
    }
    if (n.isInt()) {
      return n.intValue();
    }
    throw exec.error(n.text() + " overflows int");
  }

  private void notAFunction(List<Node> args, @Nullable Object fin) {
    if (args.size() > 1 || fin != MISSING) {
      throw exec.error("can't give argument to non-function " + args.get(0).describe());
    }
  }

  private @Nullable Object evalChain(
      @Nullable Object dot, ChainNode c, List<Node> args, @Nullable Object fin) {
    exec.at(c);
    if (c.node() instanceof NilNode) {
      throw exec.error("indirection through explicit nil in " + c.describe());
    }
    Object recv = evalArg(dot, Func.Param.ANY, c.node());
    return fieldChain(dot, recv, c.fields(), args, fin);
  }

  private @Nullable Object evalVariable(
      @Nullable Object dot, VariableNode v, List<Node> args, @Nullable Object fin) {
    exec.at(v);
    Object value = exec.varValue(v.name());
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
    Node current = exec.node();
    Node at = current == null ? new DotNode(0) : current;
    int n = idents.size();
    for (int i = 0; i < n - 1; i++) {
      recv = Fields.get(exec, at, dot, recv, idents.get(i), List.of(), MISSING);
    }
    return Fields.get(exec, at, dot, recv, idents.get(n - 1), args, fin);
  }

  private @Nullable Object evalFunction(
      @Nullable Object dot, IdentifierNode id, Node cmd, List<Node> args, @Nullable Object fin) {
    exec.at(id);
    Func f = funcs.get(id.name());
    if (f == null) {
      throw exec.error(GoQuote.quote(id.name()) + " is not a defined function");
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
      throw exec.error(
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
      return f.body().call(new Args(argv), exec);
    } catch (ExecError | Exec.LoopSignal e) {
      throw e;
    } catch (Exception e) {
      exec.at(at);
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw exec.error("error calling " + f.name() + ": " + msg);
    }
  }

  private @Nullable Object validate(@Nullable Object v, Func.Param p) {
    if (v == null) {
      if (p.canBeNil()) {
        return null;
      }
      throw exec.error("invalid value; expected " + p.goType);
    }
    if (!p.accepts(v)) {
      throw exec.error(
          "wrong type for value; expected " + p.goType + "; got " + Values.typeName(v));
    }
    return v;
  }

  private @Nullable Object evalArg(@Nullable Object dot, Func.Param p, Node n) {
    exec.at(n);
    switch (n) {
      case DotNode d -> {
        return validate(dot, p);
      }
      case NilNode nil -> {
        if (p.canBeNil()) {
          return null;
        }
        throw exec.error("cannot assign nil to " + p.goType);
      }
      case FieldNode f -> {
        return validate(fieldChain(dot, dot, f.idents(), List.of(n), MISSING), p);
      }
      case VariableNode v -> {
        return validate(evalVariable(dot, v, List.of(), MISSING), p);
      }
      case PipeNode pipe -> {
        return validate(exec.evalPipeline(dot, pipe), p);
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
                throw exec.error(
                    "can't handle assignment of " + n.describe() + " to empty interface argument");
          };
      case STRING -> {
        if (n instanceof StringNode s) {
          yield s.text();
        }
        throw exec.error("expected string; found " + n.describe());
      }
      case INT -> {
        if (n instanceof NumberNode num && num.isInt()) {
          yield num.intValue();
        }
        throw exec.error("expected integer; found " + n.describe());
      }
      case FLOAT -> {
        if (n instanceof NumberNode num && num.isFloat()) {
          yield num.floatValue();
        }
        throw exec.error("expected float; found " + n.describe());
      }
      default -> throw exec.error("can't handle " + n.describe() + " for arg of type " + p.goType);
    };
  }
}
