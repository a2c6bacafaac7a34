package io.moraine.promql.parser;

import io.moraine.core.labels.Matcher;
import io.moraine.core.time.Durations;
import io.moraine.promql.ast.AggregateExpr;
import io.moraine.promql.ast.At;
import io.moraine.promql.ast.BinaryExpr;
import io.moraine.promql.ast.Call;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.ast.MatrixSelector;
import io.moraine.promql.ast.NumberLiteral;
import io.moraine.promql.ast.ParenExpr;
import io.moraine.promql.ast.StringLiteral;
import io.moraine.promql.ast.SubqueryExpr;
import io.moraine.promql.ast.UnaryExpr;
import io.moraine.promql.ast.VectorMatching;
import io.moraine.promql.ast.VectorMatching.Cardinality;
import io.moraine.promql.ast.VectorSelector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns an {@link Expr} back into PromQL text, as Prometheus 2.42 prints it. Stateless and
 * thread-safe.
 */
public final class Printer {
  /** Prometheus's {@code maxCharactersPerLine}, counted in UTF-8 bytes as Go's {@code len}. */
  private static final int MAX_LINE = 100;

  private static final String INDENT = "  ";

  private Printer() {}

  /** One-line text, as Prometheus's {@code Expr.String()}. */
  public static String print(Expr expr) {
    StringBuilder sb = new StringBuilder(64);
    write(sb, expr);
    return sb.toString();
  }

  /**
   * Indented multi-line text for lines over 100 characters, as Prometheus's {@code parser.Prettify}
   * (what {@code /api/v1/format_query} answers).
   */
  public static String pretty(Expr expr) {
    return pretty(expr, 0);
  }

  /** Formats milliseconds as Prometheus's {@code model.Duration}: {@code 1h30m}, {@code 2w}. */
  public static String duration(long millis) {
    return Durations.format(millis);
  }

  // --- String() --------------------------------------------------------------------------------

  private static void write(StringBuilder sb, Expr e) {
    switch (e) {
      case AggregateExpr a -> {
        sb.append(aggregateOp(a)).append('(');
        Expr param = a.param();
        if (param != null) {
          write(sb, param);
          sb.append(", ");
        }
        write(sb, a.expr());
        sb.append(')');
      }
      case BinaryExpr b -> {
        write(sb, b.lhs());
        sb.append(' ').append(b.op().text());
        if (b.returnBool()) {
          sb.append(" bool");
        }
        sb.append(matching(b)).append(' ');
        write(sb, b.rhs());
      }
      case Call c -> {
        sb.append(c.func().name()).append('(');
        for (int i = 0; i < c.args().size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          write(sb, c.args().get(i));
        }
        sb.append(')');
      }
      case MatrixSelector m -> {
        VectorSelector vs = m.selector();
        writeSelector(sb, vs.name(), vs.matchers());
        sb.append('[').append(duration(m.rangeMillis())).append(']');
        writeAtAndOffset(sb, vs.at(), vs.offsetMillis());
      }
      case SubqueryExpr s -> {
        write(sb, s.expr());
        writeSubquerySuffix(sb, s);
      }
      case NumberLiteral n -> sb.append(GoText.formatFloat(n.value()));
      case ParenExpr p -> {
        sb.append('(');
        write(sb, p.expr());
        sb.append(')');
      }
      case StringLiteral s -> GoText.appendQuoted(sb, s.value(), '"');
      case UnaryExpr u -> {
        sb.append(u.negate() ? '-' : '+');
        write(sb, u.expr());
      }
      case VectorSelector vs -> {
        writeSelector(sb, vs.name(), vs.matchers());
        writeAtAndOffset(sb, vs.at(), vs.offsetMillis());
      }
    }
  }

  private static String aggregateOp(AggregateExpr a) {
    String op = a.op().text();
    if (a.without()) {
      return op + " without (" + String.join(", ", a.grouping()) + ") ";
    }
    if (!a.grouping().isEmpty()) {
      return op + " by (" + String.join(", ", a.grouping()) + ") ";
    }
    return op;
  }

  private static String matching(BinaryExpr b) {
    VectorMatching vm = b.matching();
    if (vm == null || (vm.matchingLabels().isEmpty() && !vm.on())) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(vm.on() ? " on (" : " ignoring (")
        .append(String.join(", ", vm.matchingLabels()))
        .append(')');
    if (vm.card() == Cardinality.MANY_TO_ONE || vm.card() == Cardinality.ONE_TO_MANY) {
      sb.append(vm.card() == Cardinality.MANY_TO_ONE ? " group_left (" : " group_right (")
          .append(String.join(", ", vm.include()))
          .append(')');
    }
    return sb.toString();
  }

  /**
   * The name, then the matchers other than the name's own, sorted by their text (byte order, as
   * Go's {@code sort.Strings}).
   */
  private static void writeSelector(StringBuilder sb, @Nullable String name, List<Matcher> ms) {
    String n = name == null ? "" : name;
    List<String> parts = new ArrayList<>(ms.size());
    for (Matcher m : ms) {
      if (m.name().equals("__name__") && m.type() == Matcher.Type.EQ && m.value().equals(n)) {
        continue;
      }
      StringBuilder p = new StringBuilder(m.name()).append(m.type().op());
      GoText.appendQuoted(p, m.value(), '"');
      parts.add(p.toString());
    }
    sb.append(n);
    if (parts.isEmpty()) {
      return;
    }
    parts.sort(Printer::compareCodePoints);
    sb.append('{').append(String.join(",", parts)).append('}');
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static void writeAtAndOffset(StringBuilder sb, @Nullable At at, long offsetMillis) {
    if (at != null) {
      switch (at.kind()) {
        case TIMESTAMP -> sb.append(" @ ").append(GoText.formatFixed(at.millis() / 1000.0, 3));
        case START -> sb.append(" @ start()");
        case END -> sb.append(" @ end()");
      }
    }
    if (offsetMillis > 0) {
      sb.append(" offset ").append(duration(offsetMillis));
    } else if (offsetMillis < 0) {
      sb.append(" offset -").append(duration(-offsetMillis));
    }
  }

  private static void writeSubquerySuffix(StringBuilder sb, SubqueryExpr s) {
    sb.append('[').append(duration(s.rangeMillis())).append(':');
    if (s.stepMillis() != 0) {
      sb.append(duration(s.stepMillis()));
    }
    sb.append(']');
    writeAtAndOffset(sb, s.at(), s.offsetMillis());
  }

  // --- Prettify --------------------------------------------------------------------------------

  private static String pretty(Expr e, int level) {
    String indent = INDENT.repeat(level);
    switch (e) {
      case AggregateExpr a -> {
        if (!needsSplit(a)) {
          return indent + print(a);
        }
        StringBuilder sb = new StringBuilder(indent).append(aggregateOp(a)).append("(\n");
        Expr param = a.param();
        if (param != null) {
          sb.append(pretty(param, level + 1)).append(",\n");
        }
        return sb.append(pretty(a.expr(), level + 1))
            .append('\n')
            .append(indent)
            .append(')')
            .toString();
      }
      case BinaryExpr b -> {
        if (!needsSplit(b)) {
          return indent + print(b);
        }
        return pretty(b.lhs(), level + 1)
            + "\n"
            + indent
            + b.op().text()
            + (b.returnBool() ? " bool" : "")
            + matching(b)
            + "\n"
            + pretty(b.rhs(), level + 1);
      }
      case Call c -> {
        if (!needsSplit(c)) {
          return indent + print(c);
        }
        StringBuilder sb = new StringBuilder(indent).append(c.func().name()).append("(\n");
        for (int i = 0; i < c.args().size(); i++) {
          if (i > 0) {
            sb.append(",\n");
          }
          sb.append(pretty(c.args().get(i), level + 1));
        }
        return sb.append('\n').append(indent).append(')').toString();
      }
      case ParenExpr p -> {
        if (!needsSplit(p)) {
          return indent + print(p);
        }
        return indent + "(\n" + pretty(p.expr(), level + 1) + "\n" + indent + ")";
      }
      case SubqueryExpr s -> {
        if (!needsSplit(s)) {
          return print(s); // Prometheus adds no indent here
        }
        StringBuilder sb = new StringBuilder(pretty(s.expr(), level));
        writeSubquerySuffix(sb, s);
        return sb.toString();
      }
      case UnaryExpr u -> {
        return indent + (u.negate() ? "-" : "+") + pretty(u.expr(), level).strip();
      }
      default -> {
        return indent + print(e);
      }
    }
  }

  private static boolean needsSplit(Expr e) {
    String s = print(e);
    return s.length() > MAX_LINE || s.getBytes(StandardCharsets.UTF_8).length > MAX_LINE;
  }
}
