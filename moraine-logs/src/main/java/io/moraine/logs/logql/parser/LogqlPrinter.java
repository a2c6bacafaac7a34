package io.moraine.logs.logql.parser;

import io.moraine.core.labels.GoQuote;
import io.moraine.core.labels.Matcher;
import io.moraine.core.time.Durations;
import io.moraine.logs.logql.ast.BinaryExpr;
import io.moraine.logs.logql.ast.Decolorize;
import io.moraine.logs.logql.ast.DropLabels;
import io.moraine.logs.logql.ast.Expr;
import io.moraine.logs.logql.ast.Grouping;
import io.moraine.logs.logql.ast.JsonParser;
import io.moraine.logs.logql.ast.KeepLabels;
import io.moraine.logs.logql.ast.LabelExtraction;
import io.moraine.logs.logql.ast.LabelFilter;
import io.moraine.logs.logql.ast.LabelFilterStage;
import io.moraine.logs.logql.ast.LabelFormat;
import io.moraine.logs.logql.ast.LabelReplace;
import io.moraine.logs.logql.ast.LabelSelection;
import io.moraine.logs.logql.ast.LineFilter;
import io.moraine.logs.logql.ast.LineFormat;
import io.moraine.logs.logql.ast.LogRange;
import io.moraine.logs.logql.ast.LogSelector;
import io.moraine.logs.logql.ast.LogfmtParser;
import io.moraine.logs.logql.ast.NumberLiteral;
import io.moraine.logs.logql.ast.PatternParser;
import io.moraine.logs.logql.ast.RangeAggregation;
import io.moraine.logs.logql.ast.RegexpParser;
import io.moraine.logs.logql.ast.Stage;
import io.moraine.logs.logql.ast.UnpackParser;
import io.moraine.logs.logql.ast.Unwrap;
import io.moraine.logs.logql.ast.VectorAggregation;
import io.moraine.logs.logql.ast.VectorLiteral;
import io.moraine.logs.logql.ast.VectorMatching;
import java.util.List;

/**
 * Writes an AST as canonical LogQL, in the shape of Loki's {@code String()}: binary operations and
 * label filter combinations fully parenthesised, strings Go-quoted, the unwrap before the range.
 * {@code LogqlParser.parse(format(e))} equals {@code e} for every parsed {@code e}, except number
 * literals that folded to NaN or an infinity. Stateless and thread-safe.
 */
public final class LogqlPrinter {
  private LogqlPrinter() {}

  /** The canonical LogQL text of {@code expr}. */
  public static String format(Expr expr) {
    StringBuilder sb = new StringBuilder();
    expr(sb, expr);
    return sb.toString();
  }

  private static void expr(StringBuilder sb, Expr e) {
    switch (e) {
      case LogSelector s -> selector(sb, s);
      case RangeAggregation r -> range(sb, r);
      case VectorAggregation v -> vector(sb, v);
      case BinaryExpr b -> binary(sb, b);
      case NumberLiteral n -> sb.append(number(n.value()));
      case VectorLiteral v -> sb.append("vector(").append(number(v.value())).append(')');
      case LabelReplace l -> {
        sb.append("label_replace(");
        expr(sb, l.inner());
        for (String s : List.of(l.destination(), l.replacement(), l.source(), l.regex())) {
          sb.append(',').append(GoQuote.quote(s));
        }
        sb.append(')');
      }
    }
  }

  private static String number(double v) {
    if (v == 0 && 1 / v < 0) {
      return "-0.0"; // "-0" would lex as a duration
    }
    return Numbers.formatGo(v);
  }

  private static void range(StringBuilder sb, RangeAggregation r) {
    sb.append(r.op().logqlName()).append('(');
    if (r.parameter() != null) {
      sb.append(Numbers.formatPlain(r.parameter())).append(',');
    }
    LogRange range = r.range();
    selector(sb, range.selector());
    Unwrap u = range.unwrap();
    if (u != null) {
      sb.append(" | unwrap ");
      String fn = u.conversion().function();
      sb.append(fn == null ? u.label() : fn + "(" + u.label() + ")");
      for (LabelFilter f : u.postFilters()) {
        sb.append(" | ");
        labelFilter(sb, f);
      }
    }
    sb.append('[').append(Durations.format(range.rangeNanos() / 1_000_000)).append(']');
    if (range.offsetNanos() != 0) {
      sb.append(" offset ").append(GoDurations.formatGo(range.offsetNanos()));
    }
    sb.append(')');
    grouping(sb, r.grouping());
  }

  private static void grouping(StringBuilder sb, @org.jspecify.annotations.Nullable Grouping g) {
    if (g != null) {
      sb.append(g.without() ? " without (" : " by (").append(String.join(",", g.labels()));
      sb.append(')');
    }
  }

  private static void vector(StringBuilder sb, VectorAggregation v) {
    sb.append(v.op().logqlName());
    grouping(sb, v.grouping());
    sb.append('(');
    if (v.k() != 0) {
      sb.append(v.k()).append(',');
    }
    expr(sb, v.inner());
    sb.append(')');
  }

  private static void binary(StringBuilder sb, BinaryExpr b) {
    sb.append('(');
    expr(sb, b.left());
    sb.append(' ').append(b.op().symbol());
    if (b.returnBool()) {
      sb.append(" bool");
    }
    VectorMatching m = b.matching();
    if (m != null) {
      sb.append(m.on() ? " on (" : " ignoring (").append(String.join(",", m.labels())).append(')');
      if (m.cardinality() != VectorMatching.Cardinality.ONE_TO_ONE) {
        sb.append(
            m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
                ? " group_left"
                : " group_right");
        if (!m.include().isEmpty()) {
          sb.append(" (").append(String.join(",", m.include())).append(')');
        }
      }
    }
    sb.append(' ');
    expr(sb, b.right());
    sb.append(')');
  }

  private static void selector(StringBuilder sb, LogSelector s) {
    sb.append('{');
    for (int i = 0; i < s.matchers().size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      matcher(sb, s.matchers().get(i));
    }
    sb.append('}');
    for (Stage stage : s.stages()) {
      sb.append(' ');
      stage(sb, stage);
    }
  }

  private static void matcher(StringBuilder sb, Matcher m) {
    sb.append(m.name()).append(m.type().op()).append(GoQuote.quote(m.value()));
  }

  private static void stage(StringBuilder sb, Stage stage) {
    switch (stage) {
      case LineFilter f -> {
        sb.append(f.op().symbol()).append(' ');
        for (int i = 0; i < f.values().size(); i++) {
          LineFilter.Value v = f.values().get(i);
          sb.append(i > 0 ? " or " : "");
          sb.append(v.ip() ? "ip(" + GoQuote.quote(v.text()) + ")" : GoQuote.quote(v.text()));
        }
      }
      case JsonParser j -> extractions(sb.append("| json"), j.extractions());
      case LogfmtParser l -> {
        sb.append("| logfmt");
        sb.append(l.strict() ? " --strict" : "").append(l.keepEmpty() ? " --keep-empty" : "");
        extractions(sb, l.extractions());
      }
      case RegexpParser r -> sb.append("| regexp ").append(GoQuote.quote(r.regex()));
      case PatternParser p -> sb.append("| pattern ").append(GoQuote.quote(p.pattern()));
      case UnpackParser u -> sb.append("| unpack");
      case LineFormat l -> sb.append("| line_format ").append(GoQuote.quote(l.template()));
      case LabelFormat l -> {
        sb.append("| label_format ");
        for (int i = 0; i < l.operations().size(); i++) {
          LabelFormat.Operation op = l.operations().get(i);
          sb.append(i > 0 ? "," : "").append(op.target()).append('=');
          sb.append(op.template() ? GoQuote.quote(op.source()) : op.source());
        }
      }
      case DropLabels d -> selections(sb.append("| drop "), d.labels());
      case KeepLabels k -> selections(sb.append("| keep "), k.labels());
      case Decolorize d -> sb.append("| decolorize");
      case LabelFilterStage f -> labelFilter(sb.append("| "), f.filter());
    }
  }

  private static void extractions(StringBuilder sb, List<LabelExtraction> list) {
    for (int i = 0; i < list.size(); i++) {
      LabelExtraction e = list.get(i);
      sb.append(i == 0 ? " " : ",").append(e.label()).append('=');
      sb.append(GoQuote.quote(e.expression()));
    }
  }

  private static void selections(StringBuilder sb, List<LabelSelection> list) {
    for (int i = 0; i < list.size(); i++) {
      LabelSelection s = list.get(i);
      sb.append(i > 0 ? "," : "");
      Matcher m = s.matcher();
      if (m != null) {
        matcher(sb, m);
      } else {
        sb.append(s.name());
      }
    }
  }

  private static void labelFilter(StringBuilder sb, LabelFilter f) {
    switch (f) {
      case LabelFilter.And a -> {
        labelFilter(sb.append("( "), a.left());
        labelFilter(sb.append(" , "), a.right());
        sb.append(" )");
      }
      case LabelFilter.Or o -> {
        labelFilter(sb.append("( "), o.left());
        labelFilter(sb.append(" or "), o.right());
        sb.append(" )");
      }
      case LabelFilter.StringFilter s -> matcher(sb, s.matcher());
      case LabelFilter.NumberFilter n ->
          sb.append(n.name()).append(n.op().symbol()).append(Numbers.formatPlain(n.value()));
      case LabelFilter.DurationFilter d ->
          sb.append(d.name()).append(d.op().symbol()).append(GoDurations.formatGo(d.nanos()));
      case LabelFilter.BytesFilter b ->
          sb.append(b.name()).append(b.op().symbol()).append(HumanBytes.format(b.bytes()));
      case LabelFilter.IpFilter ip ->
          sb.append(ip.name())
              .append(ip.equal() ? "=" : "!=")
              .append("ip(")
              .append(GoQuote.quote(ip.pattern()))
              .append(')');
    }
  }
}
