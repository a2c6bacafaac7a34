package io.moraine.rules.template;

import io.moraine.core.labels.GoQuote;
import io.moraine.rules.template.Lexer.Kind;
import io.moraine.rules.template.Lexer.Token;
import io.moraine.rules.template.Node.BoolNode;
import io.moraine.rules.template.Node.ChainNode;
import io.moraine.rules.template.Node.CommandNode;
import io.moraine.rules.template.Node.DotNode;
import io.moraine.rules.template.Node.FieldNode;
import io.moraine.rules.template.Node.IdentifierNode;
import io.moraine.rules.template.Node.ListNode;
import io.moraine.rules.template.Node.NilNode;
import io.moraine.rules.template.Node.NumberNode;
import io.moraine.rules.template.Node.PipeNode;
import io.moraine.rules.template.Node.StringNode;
import io.moraine.rules.template.Node.VariableNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Go text/template's parser: items to a tree per template ({@code define} and {@code block} add
 * more), with Go's checks and messages ({@code template: NAME:LINE: MSG}). This class is the entry
 * point and parses pipelines, commands and operands; {@link ControlParser} parses the action list
 * and control structures, and both read a shared {@link TokenCursor}. Not thread-safe; one instance
 * per parse.
 */
final class Parser {
  /** A parsed template set: the text (for error locations) and the trees by template name. */
  record Parsed(String name, String text, Map<String, ListNode> templates) {}

  /** Thrown to abandon a parse; carries Go's full message. */
  static final class ParseError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ParseError(String message) {
      super(message, null, false, false);
    }
  }

  private final TokenCursor tokens;
  private final Set<String> functions;
  private List<String> vars = new ArrayList<>(List.of("$"));

  private Parser(TokenCursor tokens, Set<String> functions) {
    this.tokens = tokens;
    this.functions = functions;
  }

  /**
   * Parses {@code text} as the template {@code name}.
   *
   * @throws ParseError with Go's message
   */
  static Parsed parse(String name, String text, Set<String> functions) {
    TokenCursor tokens = new TokenCursor(name, Lexer.lex(text));
    ControlParser control = new ControlParser(tokens, new Parser(tokens, functions));
    return new Parsed(name, text, control.parseAll(name));
  }

  /**
   * Starts a template body's variable scope, holding only {@code $}; returns the one to restore.
   */
  List<String> enterTemplate() {
    List<String> saved = vars;
    vars = new ArrayList<>(List.of("$"));
    return saved;
  }

  /** Ends a template body's variable scope, restoring the one {@link #enterTemplate()} returned. */
  void leaveTemplate(List<String> saved) {
    vars = saved;
  }

  /** The number of variables in scope, for {@link #dropVars(int)}. */
  int varMark() {
    return vars.size();
  }

  /** Ends the scope of the variables declared since {@code mark}. */
  void dropVars(int mark) {
    vars.subList(mark, vars.size()).clear();
  }

  /** Parses a pipeline up to its closing delimiter or paren, which it leaves next. */
  PipeNode pipeline(String context) {
    int pos = tokens.peekNonSpace().pos();
    List<VariableNode> decl = new ArrayList<>();
    boolean isAssign = false;
    while (tokens.peekNonSpace().kind() == Kind.VARIABLE) {
      int mark = tokens.mark();
      Token v = tokens.nextNonSpace();
      Token after = tokens.nextNonSpace();
      if (after.kind() == Kind.ASSIGN || after.kind() == Kind.DECLARE) {
        isAssign = after.kind() == Kind.ASSIGN;
        decl.add(new VariableNode(v.pos(), List.of(v.val())));
        vars.add(v.val());
        break;
      }
      if (after.kind() == Kind.CHAR && after.val().equals(",")) {
        decl.add(new VariableNode(v.pos(), List.of(v.val())));
        vars.add(v.val());
        if (context.equals("range") && decl.size() < 2) {
          Kind k = tokens.peekNonSpace().kind();
          if (k == Kind.VARIABLE || k == Kind.RIGHT_DELIM || k == Kind.RIGHT_PAREN) {
            continue;
          }
          throw tokens.error("range can only initialize variables");
        }
        throw tokens.error("too many declarations in " + context);
      }
      tokens.reset(mark);
      break;
    }
    List<CommandNode> cmds = new ArrayList<>();
    while (true) {
      Token t = tokens.nextNonSpace();
      switch (t.kind()) {
        case RIGHT_DELIM, RIGHT_PAREN -> {
          PipeNode pipe = new PipeNode(pos, isAssign, List.copyOf(decl), List.copyOf(cmds));
          checkPipeline(pipe, context);
          if (t.kind() == Kind.RIGHT_PAREN) {
            tokens.backup();
          }
          return pipe;
        }
        case BOOL,
            CHAR_CONSTANT,
            DOT,
            FIELD,
            IDENTIFIER,
            NUMBER,
            NIL,
            RAW_STRING,
            STRING,
            VARIABLE,
            LEFT_PAREN -> {
          tokens.backup();
          cmds.add(command());
        }
        default -> throw tokens.unexpected(t, context);
      }
    }
  }

  private void checkPipeline(PipeNode pipe, String context) {
    if (pipe.cmds().isEmpty()) {
      throw tokens.error("missing value for " + context);
    }
    for (int i = 1; i < pipe.cmds().size(); i++) {
      Node first = pipe.cmds().get(i).args().get(0);
      if (first instanceof BoolNode
          || first instanceof DotNode
          || first instanceof NilNode
          || first instanceof NumberNode
          || first instanceof StringNode) {
        throw tokens.error("non executable command in pipeline stage " + (i + 1));
      }
    }
  }

  private CommandNode command() {
    int pos = tokens.peekNonSpace().pos();
    List<Node> args = new ArrayList<>();
    while (true) {
      tokens.peekNonSpace();
      Node operand = operand();
      if (operand != null) {
        args.add(operand);
      }
      Token t = tokens.next();
      switch (t.kind()) {
        case SPACE -> {
          continue;
        }
        case ERROR -> throw tokens.error(t.val());
        case RIGHT_DELIM, RIGHT_PAREN -> tokens.backup();
        case PIPE -> {}
        default -> throw tokens.error("unexpected " + t + " in operand");
      }
      break;
    }
    if (args.isEmpty()) {
      throw tokens.error("empty command");
    }
    return new CommandNode(pos, List.copyOf(args));
  }

  private @Nullable Node operand() {
    Node node = term();
    if (node == null || tokens.peek().kind() != Kind.FIELD) {
      return node;
    }
    int pos = tokens.peek().pos();
    List<String> fields = new ArrayList<>();
    while (tokens.peek().kind() == Kind.FIELD) {
      fields.add(tokens.next().val().substring(1));
    }
    return switch (node) {
      case FieldNode f -> new FieldNode(f.pos(), concat(f.idents(), fields));
      case VariableNode v -> new VariableNode(v.pos(), concat(v.idents(), fields));
      case BoolNode b ->
          throw tokens.error("unexpected . after term " + GoQuote.quote(b.describe()));
      case StringNode s ->
          throw tokens.error("unexpected . after term " + GoQuote.quote(s.describe()));
      case NumberNode n ->
          throw tokens.error("unexpected . after term " + GoQuote.quote(n.describe()));
      case NilNode n ->
          throw tokens.error("unexpected . after term " + GoQuote.quote(n.describe()));
      case DotNode d ->
          throw tokens.error("unexpected . after term " + GoQuote.quote(d.describe()));
      default -> new ChainNode(pos, node, List.copyOf(fields));
    };
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private @Nullable Node term() {
    Token t = tokens.nextNonSpace();
    switch (t.kind()) {
      case ERROR:
        throw tokens.error(t.val());
      case IDENTIFIER:
        if (!functions.contains(t.val())) {
          throw tokens.error("function " + GoQuote.quote(t.val()) + " not defined");
        }
        return new IdentifierNode(t.pos(), t.val());
      case DOT:
        return new DotNode(t.pos());
      case NIL:
        return new NilNode(t.pos());
      case VARIABLE:
        {
          List<String> idents = Arrays.asList(t.val().split("\\.", -1));
          if (!vars.contains(idents.get(0))) {
            throw tokens.error("undefined variable " + GoQuote.quote(idents.get(0)));
          }
          return new VariableNode(t.pos(), List.copyOf(idents));
        }
      case FIELD:
        return new FieldNode(t.pos(), List.of(t.val().substring(1)));
      case BOOL:
        return new BoolNode(t.pos(), t.val().equals("true"));
      case CHAR_CONSTANT, NUMBER:
        return number(t);
      case LEFT_PAREN:
        {
          PipeNode pipe = pipeline("parenthesized pipeline");
          Token close = tokens.next();
          if (close.kind() != Kind.RIGHT_PAREN) {
            throw tokens.error("unclosed right paren: unexpected " + close);
          }
          return pipe;
        }
      case STRING, RAW_STRING:
        return new StringNode(t.pos(), t.val(), tokens.unquote(t));
      default:
        tokens.backup();
        return null;
    }
  }

  private NumberNode number(Token t) {
    String s = t.val();
    if (t.kind() == Kind.CHAR_CONSTANT) {
      int cp = tokens.unquote(t).codePointAt(0);
      return new NumberNode(t.pos(), s, true, true, cp, cp, false);
    }
    if (s.endsWith("i")) {
      throw tokens.error("complex numbers are not supported: " + GoQuote.quote(s));
    }
    OptionalLong i = GoLiterals.parseInt(s);
    if (i.isPresent()) {
      return new NumberNode(t.pos(), s, true, true, i.getAsLong(), i.getAsLong(), isFloatSyntax(s));
    }
    double f = GoLiterals.parseFloat(s);
    if (Double.isNaN(f)) {
      throw tokens.error("illegal number syntax: " + GoQuote.quote(s));
    }
    if (!s.matches(".*[.eEpP].*")) {
      throw tokens.error("integer overflow: " + GoQuote.quote(s));
    }
    boolean isInt = f == Math.rint(f) && Math.abs(f) < 0x1p63;
    return new NumberNode(t.pos(), s, isInt, true, isInt ? (long) f : 0, f, isFloatSyntax(s));
  }

  private static boolean isFloatSyntax(String s) {
    boolean hexInt =
        s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
    boolean hasFloatChars = s.matches(".*[.eEpP].*");
    return hasFloatChars && !(hexInt && !s.matches(".*[pP].*"));
  }
}
