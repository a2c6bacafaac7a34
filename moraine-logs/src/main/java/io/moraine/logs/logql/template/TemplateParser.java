package io.moraine.logs.logql.template;

import io.moraine.logs.logql.template.Node.Arg;
import io.moraine.logs.logql.template.TemplateLexer.Kind;
import io.moraine.logs.logql.template.TemplateLexer.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Recursive-descent parser from tokens to {@link Node}s; checks function names as Go does. */
final class TemplateParser {
  private final List<Token> tokens;
  private int i;

  private TemplateParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static List<Node> parse(String template) {
    TemplateParser p = new TemplateParser(TemplateLexer.lex(template));
    List<Node> nodes = new ArrayList<>();
    String end = p.list(nodes);
    if (!end.isEmpty()) {
      throw new TemplateException("template: unexpected {{" + end + "}}");
    }
    return List.copyOf(nodes);
  }

  /** Parses nodes until EOF or a {@code {{end}}}/{@code {{else}}}; returns which ("" for EOF). */
  private String list(List<Node> into) {
    while (true) {
      Token t = tokens.get(i);
      switch (t.kind()) {
        case EOF -> {
          return "";
        }
        case TEXT -> {
          into.add(new Node.Text(t.text()));
          i++;
        }
        case LEFT -> {
          i++;
          String stop = action(into);
          if (stop != null) {
            return stop;
          }
        }
        default -> throw new TemplateException("template: unexpected " + t.text());
      }
    }
  }

  /**
   * One action after {{; returns "end"/"else"/"else if" when the action closes a list, else null.
   */
  private @org.jspecify.annotations.Nullable String action(List<Node> into) {
    Token t = tokens.get(i);
    if (t.kind() == Kind.IDENT) {
      switch (t.text()) {
        case "end" -> {
          i++;
          expect(Kind.RIGHT);
          return "end";
        }
        case "else" -> {
          i++;
          if (tokens.get(i).kind() == Kind.IDENT && tokens.get(i).text().equals("if")) {
            i++;
            return "else if";
          }
          expect(Kind.RIGHT);
          return "else";
        }
        case "if" -> {
          i++;
          into.add(ifNode());
          return null;
        }
        case "with" -> {
          i++;
          into.add(withNode());
          return null;
        }
        case "range", "define", "template", "block", "break", "continue" ->
            throw new TemplateException("template: {{" + t.text() + "}} is not supported");
        default -> {}
      }
    }
    Node.Pipe pipe = pipe();
    expect(Kind.RIGHT);
    into.add(new Node.Action(pipe));
    return null;
  }

  private Node ifNode() {
    Node.Pipe cond = pipe();
    expect(Kind.RIGHT);
    List<Node> then = new ArrayList<>();
    String stop = list(then);
    List<Node> otherwise = new ArrayList<>();
    switch (stop) {
      case "end" -> {}
      case "else" -> requireEnd(list(otherwise));
      case "else if" -> otherwise.add(ifNode());
      default -> throw new TemplateException("template: unexpected EOF in if");
    }
    return new Node.If(cond, List.copyOf(then), List.copyOf(otherwise));
  }

  private Node withNode() {
    Node.Pipe value = pipe();
    expect(Kind.RIGHT);
    List<Node> then = new ArrayList<>();
    String stop = list(then);
    List<Node> otherwise = new ArrayList<>();
    if (stop.equals("else")) {
      stop = list(otherwise);
    }
    requireEnd(stop);
    return new Node.With(value, List.copyOf(then), List.copyOf(otherwise));
  }

  private static void requireEnd(String stop) {
    if (!stop.equals("end")) {
      throw new TemplateException(
          "template: expected {{end}}, got " + (stop.isEmpty() ? "EOF" : stop));
    }
  }

  private Node.Pipe pipe() {
    List<Node.Command> cmds = new ArrayList<>();
    while (true) {
      List<Arg> args = new ArrayList<>();
      while (true) {
        Kind k = tokens.get(i).kind();
        if (k == Kind.PIPE || k == Kind.RIGHT || k == Kind.RPAREN || k == Kind.EOF) {
          break;
        }
        args.add(operand());
      }
      if (args.isEmpty()) {
        throw new TemplateException("template: missing value for command");
      }
      cmds.add(new Node.Command(List.copyOf(args)));
      if (tokens.get(i).kind() != Kind.PIPE) {
        return new Node.Pipe(List.copyOf(cmds));
      }
      i++;
    }
  }

  private Arg operand() {
    Token t = tokens.get(i++);
    return switch (t.kind()) {
      case FIELD -> new Node.Field(List.of(t.text().split("\\.")));
      case DOT -> new Node.Dot();
      case STRING -> new Node.Literal(t.text());
      case NUMBER -> new Node.Literal(number(t.text()));
      case LPAREN -> {
        Node.Pipe p = pipe();
        expect(Kind.RPAREN);
        yield new Node.Sub(p);
      }
      case IDENT ->
          switch (t.text()) {
            case "true" -> new Node.Literal(Boolean.TRUE);
            case "false" -> new Node.Literal(Boolean.FALSE);
            case "nil" -> new Node.Nil();
            default -> {
              if (!TemplateFunctions.exists(t.text())) {
                throw new TemplateException("template: function \"" + t.text() + "\" not defined");
              }
              yield new Node.Function(t.text());
            }
          };
      default ->
          throw new TemplateException("template: unexpected \"" + t.text() + "\" in operand");
    };
  }

  private static Object number(String text) {
    String s = text.replace("_", "");
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Long.parseLong(s.substring(2), 16);
      }
      if (s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0) {
        return Long.parseLong(s);
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new TemplateException("template: bad number syntax: \"" + text + "\"");
    }
  }

  private void expect(Kind kind) {
    Token t = tokens.get(i);
    if (t.kind() != kind) {
      throw new TemplateException(
          "template: unexpected "
              + (t.kind() == Kind.EOF ? "EOF" : "\"" + t.text() + "\"")
              + " at offset "
              + t.pos()
              + ", expected "
              + Arrays.asList(kind).getFirst().name().toLowerCase(java.util.Locale.ROOT));
    }
    i++;
  }
}
