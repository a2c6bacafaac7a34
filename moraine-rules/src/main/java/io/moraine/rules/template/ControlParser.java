package io.moraine.rules.template;

import io.moraine.core.labels.GoQuote;
import io.moraine.rules.template.Lexer.Kind;
import io.moraine.rules.template.Lexer.Token;
import io.moraine.rules.template.Node.BreakNode;
import io.moraine.rules.template.Node.ContinueNode;
import io.moraine.rules.template.Node.ControlKind;
import io.moraine.rules.template.Node.ControlNode;
import io.moraine.rules.template.Node.ListNode;
import io.moraine.rules.template.Node.PipeNode;
import io.moraine.rules.template.Node.TemplateNode;
import io.moraine.rules.template.Node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The structure half of the template parser: text and actions in item lists, and the control
 * structures ({@code if}, {@code range}, {@code with}, {@code define}, {@code template}, {@code
 * block}, {@code break}, {@code continue}), collecting every tree by template name. Pipelines are
 * left to its {@link Parser}. Not thread-safe; one instance per parse.
 */
final class ControlParser {
  /** The end of an item list: {@code {{end}}} or {@code {{else}}}, never in a tree. */
  private record Stop(boolean isElse, int pos) {
    @Override
    public String toString() {
      return isElse ? "{{else}}" : "{{end}}";
    }
  }

  private record ItemList(ListNode list, Stop stop) {}

  private final TokenCursor tokens;
  private final Parser pipelines;
  private final Map<String, ListNode> templates = new HashMap<>();
  private int rangeDepth;

  ControlParser(TokenCursor tokens, Parser pipelines) {
    this.tokens = tokens;
    this.pipelines = pipelines;
  }

  /** Parses the whole input as template {@code name}; returns every tree by template name. */
  Map<String, ListNode> parseAll(String name) {
    add(name, parseTop());
    return Map.copyOf(templates);
  }

  private ListNode parseTop() {
    List<Node> nodes = new ArrayList<>();
    while (tokens.peek().kind() != Kind.EOF) {
      if (tokens.peek().kind() == Kind.LEFT_DELIM) {
        int mark = tokens.mark();
        tokens.next();
        if (tokens.nextNonSpace().kind() == Kind.DEFINE) {
          parseDefinition();
          continue;
        }
        tokens.reset(mark);
      }
      Object n = textOrAction();
      if (n instanceof Stop s) {
        throw tokens.error("unexpected " + s);
      }
      nodes.add((Node) n);
    }
    return new ListNode(0, List.copyOf(nodes));
  }

  private void parseDefinition() {
    String context = "define clause";
    String defName = templateName(tokens.nextNonSpace(), context);
    tokens.expect(Kind.RIGHT_DELIM, context);
    defineBody(defName, context);
  }

  /** Parses the body of {@code define} or {@code block} up to its end and adds it as a template. */
  private void defineBody(String tmplName, String context) {
    List<String> saved = pipelines.enterTemplate();
    ItemList body = itemList();
    pipelines.leaveTemplate(saved);
    if (body.stop.isElse) {
      throw tokens.error("unexpected " + body.stop + " in " + context);
    }
    add(tmplName, body.list);
  }

  private void add(String tmplName, ListNode root) {
    ListNode existing = templates.get(tmplName);
    if (existing == null || isEmpty(existing)) {
      templates.put(tmplName, root);
    } else if (!isEmpty(root)) {
      throw tokens.error("template: multiple definition of template " + GoQuote.quote(tmplName));
    }
  }

  private static boolean isEmpty(Node n) {
    return switch (n) {
      case ListNode l -> l.nodes().stream().allMatch(ControlParser::isEmpty);
      case TextNode t -> t.text().isBlank();
      default -> false;
    };
  }

  private ItemList itemList() {
    int pos = tokens.peekNonSpace().pos();
    List<Node> nodes = new ArrayList<>();
    while (tokens.peekNonSpace().kind() != Kind.EOF) {
      Object n = textOrAction();
      if (n instanceof Stop s) {
        return new ItemList(new ListNode(pos, List.copyOf(nodes)), s);
      }
      nodes.add((Node) n);
    }
    throw tokens.error("unexpected EOF");
  }

  /** A node, or a {@link Stop} for end/else. */
  private Object textOrAction() {
    Token t = tokens.nextNonSpace();
    return switch (t.kind()) {
      case TEXT -> new TextNode(t.pos(), t.val());
      case LEFT_DELIM -> action();
      default -> throw tokens.unexpected(t, "input");
    };
  }

  private Object action() {
    Token t = tokens.nextNonSpace();
    switch (t.kind()) {
      case BLOCK:
        return blockControl();
      case BREAK:
        return loopControl(t, "break");
      case CONTINUE:
        return loopControl(t, "continue");
      case ELSE:
        if (tokens.peekNonSpace().kind() == Kind.IF) {
          tokens.skipSpaces(); // leave "if" next, for control() to take up as else-if
          return new Stop(true, tokens.peek().pos());
        }
        return new Stop(true, tokens.expect(Kind.RIGHT_DELIM, "else").pos());
      case END:
        return new Stop(false, tokens.expect(Kind.RIGHT_DELIM, "end").pos());
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
    tokens.backup();
    return new Node.ActionNode(tokens.peek().pos(), pipelines.pipeline("command"));
  }

  private Node loopControl(Token t, String word) {
    Token close = tokens.nextNonSpace();
    if (close.kind() != Kind.RIGHT_DELIM) {
      throw tokens.unexpected(close, "{{" + word + "}}");
    }
    if (rangeDepth == 0) {
      throw tokens.error("{{" + word + "}} outside {{range}}");
    }
    return word.equals("break") ? new BreakNode(t.pos()) : new ContinueNode(t.pos());
  }

  private ControlNode control(ControlKind kind) {
    int mark = pipelines.varMark();
    if (kind == ControlKind.RANGE) {
      rangeDepth++;
    }
    try {
      PipeNode pipe = pipelines.pipeline(kind.word());
      ItemList body = itemList();
      ListNode elseList = null;
      if (body.stop.isElse) {
        if (kind == ControlKind.RANGE) {
          rangeDepth--; // {{break}} in range's else branch is outside the loop
        }
        if (kind == ControlKind.IF && tokens.peek().kind() == Kind.IF) {
          tokens.next();
          elseList = new ListNode(body.stop.pos, List.of(control(ControlKind.IF)));
        } else {
          ItemList e = itemList();
          if (e.stop.isElse) {
            throw tokens.error("expected end; found " + e.stop);
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
      pipelines.dropVars(mark);
    }
  }

  private TemplateNode templateControl() {
    String context = "template clause";
    Token t = tokens.nextNonSpace();
    String tmplName = templateName(t, context);
    PipeNode pipe = null;
    if (tokens.nextNonSpace().kind() != Kind.RIGHT_DELIM) {
      tokens.backup();
      pipe = pipelines.pipeline(context);
    }
    return new TemplateNode(t.pos(), tmplName, pipe);
  }

  private TemplateNode blockControl() {
    String context = "block clause";
    Token t = tokens.nextNonSpace();
    String tmplName = templateName(t, context);
    PipeNode pipe = pipelines.pipeline(context);
    defineBody(tmplName, context);
    return new TemplateNode(t.pos(), tmplName, pipe);
  }

  private String templateName(Token t, String context) {
    if (t.kind() != Kind.STRING && t.kind() != Kind.RAW_STRING) {
      throw tokens.unexpected(t, context);
    }
    return tokens.unquote(t);
  }
}
