package io.moraine.logs.logql.parser;

import io.moraine.core.labels.GoQuote;
import io.moraine.core.labels.InvalidMatcherException;
import io.moraine.core.labels.Matcher;
import io.moraine.logs.logql.ast.Decolorize;
import io.moraine.logs.logql.ast.DropLabels;
import io.moraine.logs.logql.ast.JsonParser;
import io.moraine.logs.logql.ast.KeepLabels;
import io.moraine.logs.logql.ast.LabelExtraction;
import io.moraine.logs.logql.ast.LabelFilterStage;
import io.moraine.logs.logql.ast.LabelFormat;
import io.moraine.logs.logql.ast.LabelSelection;
import io.moraine.logs.logql.ast.LineFilter;
import io.moraine.logs.logql.ast.LineFilterOp;
import io.moraine.logs.logql.ast.LineFormat;
import io.moraine.logs.logql.ast.LogSelector;
import io.moraine.logs.logql.ast.LogfmtParser;
import io.moraine.logs.logql.ast.PatternParser;
import io.moraine.logs.logql.ast.RegexpParser;
import io.moraine.logs.logql.ast.Stage;
import io.moraine.logs.logql.ast.UnpackParser;
import io.moraine.logs.logql.regex.Re2Pattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses stream selectors and their pipelines: line filters, parsers, formatters, drop/keep and
 * label filters ({@link LabelFilterParser}). Errors Loki raises while building these nodes are
 * raised at once, as Loki's parser panics on them.
 */
final class PipelineParser {
  private static final String MATCH_OPS = "= or =~ or !~ or !=";

  private final TokenCursor in;
  private final LabelFilterParser labelFilters;

  /** Where each selector's {@code {} was, for errors found after parsing. */
  final Map<LogSelector, Token> selectorPositions = new IdentityHashMap<>();

  PipelineParser(TokenCursor in) {
    this.in = in;
    this.labelFilters = new LabelFilterParser(in, this);
  }

  LabelFilterParser labelFilters() {
    return labelFilters;
  }

  /** {@code name op "value"} once the name is consumed. */
  Matcher matcherAfterName(Token name) {
    Matcher.Type type =
        switch (in.peek().type()) {
          case EQ -> Matcher.Type.EQ;
          case NEQ -> Matcher.Type.NEQ;
          case RE -> Matcher.Type.RE;
          case NRE -> Matcher.Type.NRE;
          default -> throw in.unexpected(MATCH_OPS);
        };
    in.next();
    Token value = in.expect(TokenType.STRING, "STRING");
    return matcher(name, type, value.text());
  }

  /** A matcher, with RE2 regexes checked and translated where Java reads them differently. */
  static Matcher matcher(Token name, Matcher.Type type, String value) {
    if (type == Matcher.Type.RE || type == Matcher.Type.NRE) {
      String error = Re2Pattern.syntaxError(value);
      if (error != null) {
        throw TokenCursor.at(name, error);
      }
      try {
        return Matcher.of(type, name.text(), value);
      } catch (InvalidMatcherException e) {
        return Matcher.of(type, name.text(), Re2Pattern.javaSyntax(value));
      }
    }
    return Matcher.of(type, name.text(), value);
  }

  /** A selector and its pipeline; stops before {@code | unwrap} when {@code inRange}. */
  LogSelector logSelector(boolean inRange) {
    Token open = in.peek();
    List<Matcher> matchers = selector();
    LogSelector s = new LogSelector(matchers, pipeline(inRange));
    selectorPositions.put(s, open);
    return s;
  }

  /** {@code {a="b", ...}}; the empty selector {@code {}} is left to validation. */
  private List<Matcher> selector() {
    in.expect(TokenType.OPEN_BRACE, "{");
    List<Matcher> matchers = new ArrayList<>();
    if (in.accept(TokenType.CLOSE_BRACE)) {
      return matchers;
    }
    matchers.add(matcherAfterName(in.expect(TokenType.IDENTIFIER, "IDENTIFIER or }")));
    while (!in.accept(TokenType.CLOSE_BRACE)) {
      in.expect(TokenType.COMMA, "} or ,");
      matchers.add(matcherAfterName(in.expect(TokenType.IDENTIFIER, "IDENTIFIER")));
    }
    return matchers;
  }

  /** Stages after a selector, possibly none. */
  List<Stage> pipeline(boolean inRange) {
    List<Stage> stages = new ArrayList<>();
    while (true) {
      Token t = in.peek();
      switch (t.type()) {
        case PIPE_EXACT, PIPE_MATCH, NEQ, NRE, PIPE_PATTERN, NPA -> stages.add(lineFilter());
        case PIPE -> {
          if (inRange && in.peek(1).is(TokenType.UNWRAP)) {
            return stages;
          }
          in.next();
          stages.add(stage());
        }
        default -> {
          return stages;
        }
      }
    }
  }

  private LineFilter lineFilter() {
    Token opToken = in.next();
    LineFilterOp op =
        switch (opToken.type()) {
          case PIPE_EXACT -> LineFilterOp.CONTAINS;
          case NEQ -> LineFilterOp.NOT_CONTAINS;
          case PIPE_MATCH -> LineFilterOp.MATCHES_REGEX;
          case NRE -> LineFilterOp.NOT_MATCHES_REGEX;
          case PIPE_PATTERN -> LineFilterOp.MATCHES_PATTERN;
          default -> LineFilterOp.NOT_MATCHES_PATTERN;
        };
    List<LineFilter.Value> values = new ArrayList<>();
    values.add(lineFilterValue(op, opToken));
    while (in.at(TokenType.OR)
        && (in.peek(1).is(TokenType.STRING) || in.peek(1).is(TokenType.IP))) {
      in.next();
      values.add(lineFilterValue(op, opToken));
    }
    return new LineFilter(op, values);
  }

  private LineFilter.Value lineFilterValue(LineFilterOp op, Token opToken) {
    if (in.at(TokenType.IP)) {
      return new LineFilter.Value(ipArgument(), true);
    }
    Token value = in.expect(TokenType.STRING, "STRING or ip");
    if (op == LineFilterOp.MATCHES_REGEX || op == LineFilterOp.NOT_MATCHES_REGEX) {
      String error = Re2Pattern.syntaxError(value.text());
      if (error != null) {
        throw TokenCursor.at(
            value, "stage '" + op.symbol() + " " + GoQuote.quote(value.text()) + "' : " + error);
      }
    }
    return new LineFilter.Value(value.text(), false);
  }

  /** {@code ip("...")}: the argument. */
  String ipArgument() {
    in.expect(TokenType.IP, "ip");
    in.expect(TokenType.OPEN_PAREN, "(");
    String text = in.expect(TokenType.STRING, "STRING").text();
    in.expect(TokenType.CLOSE_PAREN, ")");
    return text;
  }

  private Stage stage() {
    Token t = in.peek();
    return switch (t.type()) {
      case JSON -> {
        in.next();
        yield new JsonParser(in.at(TokenType.IDENTIFIER) ? extractions() : List.of());
      }
      case LOGFMT -> logfmt();
      case REGEXP -> regexp();
      case PATTERN -> pattern();
      case UNPACK -> {
        in.next();
        yield new UnpackParser();
      }
      case LINE_FMT -> {
        in.next();
        yield new LineFormat(in.expect(TokenType.STRING, "STRING").text());
      }
      case LABEL_FMT -> labelFormat();
      case DECOLORIZE -> {
        in.next();
        yield new Decolorize();
      }
      case DROP -> {
        in.next();
        yield new DropLabels(selections());
      }
      case KEEP -> {
        in.next();
        yield new KeepLabels(selections());
      }
      case IDENTIFIER, OPEN_PAREN -> new LabelFilterStage(labelFilters.expression(false));
      default -> throw in.unexpected(null);
    };
  }

  private Stage logfmt() {
    in.next();
    boolean strict = false;
    boolean keepEmpty = false;
    while (in.at(TokenType.PARSER_FLAG)) {
      String flag = in.next().text();
      strict |= flag.equals("--strict");
      keepEmpty |= flag.equals("--keep-empty");
    }
    List<LabelExtraction> list = in.at(TokenType.IDENTIFIER) ? extractions() : List.of();
    return new LogfmtParser(strict, keepEmpty, list);
  }

  private List<LabelExtraction> extractions() {
    List<LabelExtraction> list = new ArrayList<>();
    do {
      Token name = in.expect(TokenType.IDENTIFIER, "IDENTIFIER");
      if (in.accept(TokenType.EQ)) {
        list.add(new LabelExtraction(name.text(), in.expect(TokenType.STRING, "STRING").text()));
      } else {
        list.add(new LabelExtraction(name.text(), name.text()));
      }
    } while (in.accept(TokenType.COMMA));
    return list;
  }

  private Stage regexp() {
    in.next();
    Token re = in.expect(TokenType.STRING, "STRING");
    String error = null;
    List<String> names = Re2Pattern.namedGroups(re.text());
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!n.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
        error = "invalid extracted label name '" + n + "'";
      } else if (!seen.add(n)) {
        error = "duplicate extracted label name '" + n + "'";
      }
      if (error != null) {
        break;
      }
    }
    if (error == null) {
      error = Re2Pattern.syntaxError(re.text());
    }
    if (error == null && names.isEmpty()) {
      error = "at least one named capture must be supplied";
    }
    if (error != null) {
      throw TokenCursor.at(re, "invalid regexp parser: " + error);
    }
    return new RegexpParser(re.text());
  }

  private Stage pattern() {
    in.next();
    Token p = in.expect(TokenType.STRING, "STRING");
    String error = PatternSyntax.error(p.text());
    if (error != null) {
      throw TokenCursor.at(p, "invalid pattern parser: " + error);
    }
    return new PatternParser(p.text());
  }

  private Stage labelFormat() {
    in.next();
    List<LabelFormat.Operation> ops = new ArrayList<>();
    do {
      Token target = in.expect(TokenType.IDENTIFIER, "IDENTIFIER");
      in.expect(TokenType.EQ, "=");
      Token source = in.peek();
      if (source.is(TokenType.IDENTIFIER)) {
        ops.add(new LabelFormat.Operation(target.text(), in.next().text(), false));
      } else {
        ops.add(
            new LabelFormat.Operation(
                target.text(), in.expect(TokenType.STRING, "IDENTIFIER or STRING").text(), true));
      }
    } while (in.accept(TokenType.COMMA));
    return new LabelFormat(ops);
  }

  private List<LabelSelection> selections() {
    List<LabelSelection> list = new ArrayList<>();
    do {
      Token name = in.expect(TokenType.IDENTIFIER, "IDENTIFIER");
      TokenType next = in.peek().type();
      if (next == TokenType.EQ
          || next == TokenType.NEQ
          || next == TokenType.RE
          || next == TokenType.NRE) {
        list.add(new LabelSelection(name.text(), matcherAfterName(name)));
      } else {
        list.add(new LabelSelection(name.text(), null));
      }
    } while (in.accept(TokenType.COMMA));
    return list;
  }
}
