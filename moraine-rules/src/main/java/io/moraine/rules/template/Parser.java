package io.moraine.rules.template;

import io.moraine.core.labels.GoQuote;
import io.moraine.rules.template.Lexer.Kind;
import io.moraine.rules.template.Lexer.Token;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Go text/template's parser: items to a tree per template ({@code define} and {@code block} add
 * more), with Go's checks and messages ({@code template: NAME:LINE: MSG}). Not thread-safe; one
 * instance per parse.
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

  /** The end of an item list: {@code {{end}}} or {@code {{else}}}, never in a tree. */
  private record Stop(boolean isElse, int pos) {
    @Override
    public String toString() {
      return isElse ? "{{else}}" : "{{end}}";
    }
  }

  private final String name;
  private final String text;
  private final Set<String> functions;
  private final List<Token> tokens;
  private final Map<String, ListNode> templates = new HashMap<>();
  private int next;
  private int line = 1;
  private List<String> vars = new ArrayList<>(List.of("$"));
  private int rangeDepth;

  private Parser(String name, String text, Set<String> functions) {
    this.name = name;
    this.text = text;
    this.functions = functions;
    this.tokens = Lexer.lex(text);
  }

  /**
   * Parses {@code text} as the template {@code name}.
   *
   * @throws ParseError with Go's message
   */
  static Parsed parse(String name, String text, Set<String> functions) {
    Parser p = new Parser(name, text, functions);
    p.add(name, p.parseTop());
    return new Parsed(name, text, Map.copyOf(p.templates));
  }

  private ListNode parseTop() {
    List<Node> nodes = new ArrayList<>();
    while (peek().kind() != Kind.EOF) {
      if (peek().kind() == Kind.LEFT_DELIM) {
        int mark = next;
        next();
        if (nextNonSpace().kind() == Kind.DEFINE) {
          parseDefinition();
          continue;
        }
        next = mark;
      }
      Object n = textOrAction();
      if (n instanceof Stop s) {
        throw error("unexpected " + s);
      }
      nodes.add((Node) n);
    }
    return new ListNode(0, List.copyOf(nodes));
  }

  private void parseDefinition() {
    String context = "define clause";
    Token t = nextNonSpace();
    if (t.kind() != Kind.STRING && t.kind() != Kind.RAW_STRING) {
      throw unexpected(t, context);
    }
    String defName = unquote(t);
    expect(Kind.RIGHT_DELIM, context);
    List<String> saved = vars;
    vars = new ArrayList<>(List.of("$"));
    ItemList body = itemList();
    vars = saved;
    if (body.stop.isElse) {
      throw error("unexpected " + body.stop + " in " + context);
    }
    add(defName, body.list);
  }

  private void add(String tmplName, ListNode root) {
    ListNode existing = templates.get(tmplName);
    if (existing == null || isEmpty(existing)) {
      templates.put(tmplName, root);
    } else if (!isEmpty(root)) {
      throw error("template: multiple definition of template " + GoQuote.quote(tmplName));
    }
  }

  private static boolean isEmpty(Node n) {
    return switch (n) {
      case ListNode l -> l.nodes().stream().allMatch(Parser::isEmpty);
      case TextNode t -> t.text().isBlank();
      default -> false;
    };
  }

  private record ItemList(ListNode list, Stop stop) {}

  private ItemList itemList() {
    int pos = peekNonSpace().pos();
    List<Node> nodes = new ArrayList<>();
    while (peekNonSpace().kind() != Kind.EOF) {
      Object n = textOrAction();
      if (n instanceof Stop s) {
        return new ItemList(new ListNode(pos, List.copyOf(nodes)), s);
      }
      nodes.add((Node) n);
    }
    throw error("unexpected EOF");
  }

  /** A node, or a {@link Stop} for end/else. */
  private Object textOrAction() {
    Token t = nextNonSpace();
    return switch (t.kind()) {
      case TEXT -> new TextNode(t.pos(), t.val());
      case LEFT_DELIM -> action();
      default -> throw unexpected(t, "input");
    };
  }

  private Object action() {
    Token t = nextNonSpace();
    switch (t.kind()) {
      case BLOCK:
        return blockControl();
      case BREAK:
        return loopControl(t, "break");
      case CONTINUE:
        return loopControl(t, "continue");
      case ELSE:
        if (peekNonSpace().kind() == Kind.IF) {
          while (peek().kind() == Kind.SPACE) {
            next++; // leave "if" next, for control() to take up as else-if
          }
          return new Stop(true, peek().pos());
        }
        return new Stop(true, expect(Kind.RIGHT_DELIM, "else").pos());
      case END:
        return new Stop(false, expect(Kind.RIGHT_DELIM, "end").pos());
      case IF:
        return control(ControlKind.IF);
      case RANGE:
        return control(ControlKind.RANGE);
      case TEMPLATE:
        return templateControl();
      case WITH:
        return control(ControlKind.WITH);
      default:
        break;
    }
    next--;
    return new Node.ActionNode(peek().pos(), pipeline("command"));
  }

  private Node loopControl(Token t, String word) {
    Token close = nextNonSpace();
    if (close.kind() != Kind.RIGHT_DELIM) {
      throw unexpected(close, "{{" + word + "}}");
    }
    if (rangeDepth == 0) {
      throw error("{{" + word + "}} outside {{range}}");
    }
    return word.equals("break") ? new BreakNode(t.pos()) : new ContinueNode(t.pos());
  }

  private ControlNode control(ControlKind kind) {
    int mark = vars.size();
    if (kind == ControlKind.RANGE) {
      rangeDepth++;
    }
    try {
      PipeNode pipe = pipeline(kind.word());
      ItemList body = itemList();
      ListNode elseList = null;
      if (body.stop.isElse) {
        if (kind == ControlKind.RANGE) {
          rangeDepth--; // {{break}} in range's else branch is outside the loop
        }
        if (kind == ControlKind.IF && peek().kind() == Kind.IF) {
          next();
          elseList = new ListNode(body.stop.pos, List.of(control(ControlKind.IF)));
        } else {
          ItemList e = itemList();
          if (e.stop.isElse) {
            throw error("expected end; found " + e.stop);
          }
          elseList = e.list;
        }
        if (kind == ControlKind.RANGE) {
          rangeDepth++;
        }
      }
      return new ControlNode(kind, pipe.pos(), pipe, body.list, elseList);
    } finally {
      if (kind == ControlKind.RANGE) {
        rangeDepth--;
      }
      vars.subList(mark, vars.size()).clear();
    }
  }

  private TemplateNode templateControl() {
    String context = "template clause";
    Token t = nextNonSpace();
    String tmplName = templateName(t, context);
    PipeNode pipe = null;
    if (nextNonSpace().kind() != Kind.RIGHT_DELIM) {
      next--;
      pipe = pipeline(context);
    }
    return new TemplateNode(t.pos(), tmplName, pipe);
  }

  private TemplateNode blockControl() {
    String context = "block clause";
    Token t = nextNonSpace();
    String tmplName = templateName(t, context);
    PipeNode pipe = pipeline(context);
    List<String> saved = vars;
    vars = new ArrayList<>(List.of("$"));
    ItemList body = itemList();
    vars = saved;
    if (body.stop.isElse) {
      throw error("unexpected " + body.stop + " in " + context);
    }
    add(tmplName, body.list);
    return new TemplateNode(t.pos(), tmplName, pipe);
  }

  private String templateName(Token t, String context) {
    if (t.kind() != Kind.STRING && t.kind() != Kind.RAW_STRING) {
      throw unexpected(t, context);
    }
    return unquote(t);
  }

  private PipeNode pipeline(String context) {
    int pos = peekNonSpace().pos();
    List<VariableNode> decl = new ArrayList<>();
    boolean isAssign = false;
    while (peekNonSpace().kind() == Kind.VARIABLE) {
      int mark = next;
      Token v = nextNonSpace();
      Token after = nextNonSpace();
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
          Kind k = peekNonSpace().kind();
          if (k == Kind.VARIABLE || k == Kind.RIGHT_DELIM || k == Kind.RIGHT_PAREN) {
            continue;
          }
          throw error("range can only initialize variables");
        }
        throw error("too many declarations in " + context);
      }
      next = mark;
      break;
    }
    List<CommandNode> cmds = new ArrayList<>();
    while (true) {
      Token t = nextNonSpace();
      switch (t.kind()) {
        case RIGHT_DELIM, RIGHT_PAREN -> {
          PipeNode pipe = new PipeNode(pos, isAssign, List.copyOf(decl), List.copyOf(cmds));
          checkPipeline(pipe, context);
          if (t.kind() == Kind.RIGHT_PAREN) {
            next--;
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
          next--;
          cmds.add(command());
        }
        default -> throw unexpected(t, context);
      }
    }
  }

  private void checkPipeline(PipeNode pipe, String context) {
    if (pipe.cmds().isEmpty()) {
      throw error("missing value for " + context);
    }
    for (int i = 1; i < pipe.cmds().size(); i++) {
      Node first = pipe.cmds().get(i).args().get(0);
      if (first instanceof BoolNode
          || first instanceof DotNode
          || first instanceof NilNode
          || first instanceof NumberNode
          || first instanceof StringNode) {
        throw error("non executable command in pipeline stage " + (i + 1));
      }
    }
  }

  private CommandNode command() {
    int pos = peekNonSpace().pos();
    List<Node> args = new ArrayList<>();
    while (true) {
      peekNonSpace();
      Node operand = operand();
      if (operand != null) {
        args.add(operand);
      }
      Token t = next();
      switch (t.kind()) {
        case SPACE -> {
          continue;
        }
        case ERROR -> throw error(t.val());
        case RIGHT_DELIM, RIGHT_PAREN -> next--;
        case PIPE -> {}
        default -> throw error("unexpected " + t + " in operand");
      }
      break;
    }
    if (args.isEmpty()) {
      throw error("empty command");
    }
    return new CommandNode(pos, List.copyOf(args));
  }

  private @Nullable Node operand() {
    Node node = term();
    if (node == null || peek().kind() != Kind.FIELD) {
      return node;
    }
    int pos = peek().pos();
    List<String> fields = new ArrayList<>();
    while (peek().kind() == Kind.FIELD) {
      fields.add(next().val().substring(1));
    }
    return switch (node) {
      case FieldNode f -> new FieldNode(f.pos(), concat(f.idents(), fields));
      case VariableNode v -> new VariableNode(v.pos(), concat(v.idents(), fields));
      case BoolNode b -> throw error("unexpected . after term " + GoQuote.quote(b.describe()));
      case StringNode s -> throw error("unexpected . after term " + GoQuote.quote(s.describe()));
      case NumberNode n -> throw error("unexpected . after term " + GoQuote.quote(n.describe()));
      case NilNode n -> throw error("unexpected . after term " + GoQuote.quote(n.describe()));
      case DotNode d -> throw error("unexpected . after term " + GoQuote.quote(d.describe()));
      default -> new ChainNode(pos, node, List.copyOf(fields));
    };
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private @Nullable Node term() {
    Token t = nextNonSpace();
    switch (t.kind()) {
      case ERROR:
        throw error(t.val());
      case IDENTIFIER:
        if (!functions.contains(t.val())) {
          throw error("function " + GoQuote.quote(t.val()) + " not defined");
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
            throw error("undefined variable " + GoQuote.quote(idents.get(0)));
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
          Token close = next();
          if (close.kind() != Kind.RIGHT_PAREN) {
            throw error("unclosed right paren: unexpected " + close);
          }
          return pipe;
        }
      case STRING, RAW_STRING:
        return new StringNode(t.pos(), t.val(), unquote(t));
      default:
        next--;
        return null;
    }
  }

  private NumberNode number(Token t) {
    String s = t.val();
    if (t.kind() == Kind.CHAR_CONSTANT) {
      int cp = unquote(t).codePointAt(0);
      return new NumberNode(t.pos(), s, true, true, cp, cp, false);
    }
    if (s.endsWith("i")) {
      throw error("complex numbers are not supported: " + GoQuote.quote(s));
    }
    OptionalLong i = GoLiterals.parseInt(s);
    if (i.isPresent()) {
      return new NumberNode(t.pos(), s, true, true, i.getAsLong(), i.getAsLong(), isFloatSyntax(s));
    }
    double f = GoLiterals.parseFloat(s);
    if (Double.isNaN(f)) {
      throw error("illegal number syntax: " + GoQuote.quote(s));
    }
    if (!s.matches(".*[.eEpP].*")) {
      throw error("integer overflow: " + GoQuote.quote(s));
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

  private String unquote(Token t) {
    try {
      return GoLiterals.unquote(t.val());
    } catch (IllegalArgumentException e) {
      throw error(String.valueOf(e.getMessage()));
    }
  }

  private Token expect(Kind kind, String context) {
    Token t = nextNonSpace();
    if (t.kind() != kind) {
      throw unexpected(t, context);
    }
    return t;
  }

  private Token peek() {
    return tokens.get(Math.min(next, tokens.size() - 1));
  }

  private Token next() {
    Token t = peek();
    next++;
    line = t.line();
    return t;
  }

  private Token nextNonSpace() {
    Token t = next();
    while (t.kind() == Kind.SPACE) {
      t = next();
    }
    return t;
  }

  private Token peekNonSpace() {
    int i = Math.min(next, tokens.size() - 1);
    while (tokens.get(i).kind() == Kind.SPACE) {
      i++;
    }
    return tokens.get(i);
  }

  private ParseError unexpected(Token t, String context) {
    if (t.kind() == Kind.ERROR) {
      return error(t.val());
    }
    return error("unexpected " + t + " in " + context);
  }

  private ParseError error(String message) {
    return new ParseError("template: " + name + ":" + line + ": " + message);
  }
}
