package io.moraine.rules.template;

import io.moraine.core.labels.GoQuote;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The parse tree of a Go template: immutable, shared by every execution. {@code pos} is the offset
 * of the node in the template text (chars), used for error locations.
 */
sealed interface Node {
  int pos();

  /** As Go's {@code Node.String()}, the context shown in execution errors. */
  String describe();

  record ListNode(int pos, List<Node> nodes) implements Node {
    @Override
    public String describe() {
      return nodes.stream().map(Node::describe).collect(Collectors.joining());
    }
  }

  record TextNode(int pos, String text) implements Node {
    @Override
    public String describe() {
      return GoQuote.quote(text);
    }
  }

  record ActionNode(int pos, PipeNode pipe) implements Node {
    @Override
    public String describe() {
      return "{{" + pipe.describe() + "}}";
    }
  }

  enum ControlKind {
    IF,
    RANGE,
    WITH;

    String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code if}, {@code range} or {@code with}, with an optional else branch. */
  record ControlNode(
      ControlKind kind, int pos, PipeNode pipe, ListNode list, @Nullable ListNode elseList)
      implements Node {
    @Override
    public String describe() {
      String s = "{{" + kind.word() + " " + pipe.describe() + "}}" + list.describe();
      if (elseList != null) {
        s += "{{else}}" + elseList.describe();
      }
      return s + "{{end}}";
    }
  }

  record TemplateNode(int pos, String name, @Nullable PipeNode pipe) implements Node {
    @Override
    public String describe() {
      String q = GoQuote.quote(name);
      return pipe == null
          ? "{{template " + q + "}}"
          : "{{template " + q + " " + pipe.describe() + "}}";
    }
  }

  record BreakNode(int pos) implements Node {
    @Override
    public String describe() {
      return "{{break}}";
    }
  }

  record ContinueNode(int pos) implements Node {
    @Override
    public String describe() {
      return "{{continue}}";
    }
  }

  record PipeNode(int pos, boolean isAssign, List<VariableNode> decl, List<CommandNode> cmds)
      implements Node {
    @Override
    public String describe() {
      StringBuilder sb = new StringBuilder();
      if (!decl.isEmpty()) {
        sb.append(decl.stream().map(VariableNode::describe).collect(Collectors.joining(", ")));
        sb.append(isAssign ? " = " : " := ");
      }
      sb.append(cmds.stream().map(CommandNode::describe).collect(Collectors.joining(" | ")));
      return sb.toString();
    }
  }

  record CommandNode(int pos, List<Node> args) implements Node {
    @Override
    public String describe() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        Node a = args.get(i);
        sb.append(a instanceof PipeNode ? "(" + a.describe() + ")" : a.describe());
      }
      return sb.toString();
    }
  }

  /** {@code .A.B}: fields from dot. */
  record FieldNode(int pos, List<String> idents) implements Node {
    @Override
    public String describe() {
      return "." + String.join(".", idents);
    }
  }

  /** {@code $x.A.B}: a variable and the fields taken from it. */
  record VariableNode(int pos, List<String> idents) implements Node {
    String name() {
      return idents.get(0);
    }

    @Override
    public String describe() {
      return String.join(".", idents);
    }
  }

  /** {@code (pipeline).A.B} or {@code fn.A}: fields from another term. */
  record ChainNode(int pos, Node node, List<String> fields) implements Node {
    @Override
    public String describe() {
      String base = node instanceof PipeNode ? "(" + node.describe() + ")" : node.describe();
      return base + "." + String.join(".", fields);
    }
  }

  record IdentifierNode(int pos, String name) implements Node {
    @Override
    public String describe() {
      return name;
    }
  }

  record DotNode(int pos) implements Node {
    @Override
    public String describe() {
      return ".";
    }
  }

  record NilNode(int pos) implements Node {
    @Override
    public String describe() {
      return "nil";
    }
  }

  record BoolNode(int pos, boolean value) implements Node {
    @Override
    public String describe() {
      return Boolean.toString(value);
    }
  }

  /**
   * A number literal: which Go types can hold it ({@code isInt} as int64, {@code isFloat} as
   * float64), and whether its syntax makes it a float constant.
   */
  record NumberNode(
      int pos,
      String text,
      boolean isInt,
      boolean isFloat,
      long intValue,
      double floatValue,
      boolean floatSyntax)
      implements Node {
    @Override
    public String describe() {
      return text;
    }
  }

  record StringNode(int pos, String quoted, String text) implements Node {
    @Override
    public String describe() {
      return quoted;
    }
  }
}
