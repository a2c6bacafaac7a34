package io.moraine.promql.script;

import io.moraine.core.storage.Queryable;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.engine.QueryException;
import io.moraine.promql.parser.GoText;
import io.moraine.promql.parser.ParseException;
import io.moraine.promql.script.AtModifierVariants.Variant;
import io.moraine.promql.script.Command.Eval;
import io.moraine.promql.script.Command.Failure;
import io.moraine.promql.script.Command.Window;
import io.moraine.promql.value.InstantVector;
import io.moraine.promql.value.QueryValue;
import io.moraine.promql.value.RangeMatrix;
import io.moraine.promql.value.Sample;
import io.moraine.promql.value.Scalar;
import io.moraine.promql.value.SeriesPoints;
import io.moraine.promql.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs one eval as Prometheus 2.42's test runner does. An instant eval runs the query, then each
 * {@link AtModifierVariants} variant; each one must fail when the eval expects failure, else match
 * the expected lines, and (unless ordered) must give the same values when run as a range query from
 * one minute before to one minute after its time with a one-minute step, read at the middle step. A
 * range eval runs once and its matrix is compared point by point.
 *
 * <p>Only {@link QueryException} counts as an evaluation error; anything else the engine throws
 * fails the case as a crash, even when an error was expected.
 */
final class EvalExecutor {
  private static final long RANGE_MODE_MILLIS = 60_000;

  private final QueryFrontend frontend;
  private final Queryable db;

  EvalExecutor(QueryFrontend frontend, Queryable db) {
    this.frontend = frontend;
    this.db = db;
  }

  /** Runs the eval; null when it passes, else why it failed (one line). */
  @Nullable String run(Eval e) {
    Expr expr;
    try {
      expr = frontend.parse(e.expr());
    } catch (ParseException ex) {
      return "cannot parse the expression: " + ex.getMessage();
    } catch (RuntimeException ex) {
      return "the parser threw " + crash(ex);
    }
    return e.range() ? runRange(e, expr) : runInstant(e, expr);
  }

  private @Nullable String runInstant(Eval e, Expr expr) {
    List<Variant> queries = new ArrayList<>();
    queries.add(new Variant(expr, e.startMillis(), null));
    queries.addAll(AtModifierVariants.of(expr, e.startMillis()));
    for (Variant q : queries) {
      String where = q.pinnedMillis() == null ? "" : " [" + note(q) + "]";
      QueryValue result;
      try {
        result = frontend.instant(db, q.expr(), q.evalMillis());
      } catch (QueryException ex) {
        String wrong = unexpectedError(e.fail(), ex);
        if (wrong != null) {
          return wrong + where;
        }
        continue;
      } catch (RuntimeException ex) {
        return "the engine threw " + crash(ex) + where;
      }
      if (e.fail() != null) {
        return "expected an error but got " + describe(result) + where;
      }
      String diff = ResultCheck.instant(e.expected(), result, e.ordered());
      if (diff == null && e.expected().string() == null && e.expected().matrix() == null) {
        diff = rangeMode(e, q, result);
      }
      if (diff != null) {
        return diff + where;
      }
    }
    return null;
  }

  /** The same query as a range query around its time must agree at that time. */
  private @Nullable String rangeMode(Eval e, Variant q, QueryValue instant) {
    long t = q.evalMillis();
    RangeMatrix m;
    try {
      m =
          frontend.range(
              db, q.expr(), t - RANGE_MODE_MILLIS, t + RANGE_MODE_MILLIS, RANGE_MODE_MILLIS);
    } catch (QueryException ex) {
      return "error evaluating in range mode: " + ex.getMessage();
    } catch (RuntimeException ex) {
      return "the engine threw in range mode " + crash(ex);
    }
    if (e.ordered()) {
      return null; // range results have no defined order
    }
    List<Sample> atT = new ArrayList<>();
    for (SeriesPoints s : m.series()) {
      for (int i = 0; i < s.size(); i++) {
        if (s.ts()[i] == t) {
          atT.add(new Sample(s.labels(), t, s.vs()[i]));
          break;
        }
      }
    }
    String diff;
    if (instant instanceof Scalar) {
      diff =
          atT.isEmpty()
              ? "no point at t=" + t
              : ResultCheck.scalar(e.expected(), atT.getFirst().v());
    } else {
      diff = ResultCheck.vector(e.expected(), atT, false);
    }
    return diff == null ? null : "in range mode: " + diff;
  }

  private @Nullable String runRange(Eval e, Expr expr) {
    RangeMatrix m;
    try {
      m = frontend.range(db, expr, e.startMillis(), e.endMillis(), e.stepMillis());
    } catch (QueryException ex) {
      return unexpectedError(e.fail(), ex);
    } catch (RuntimeException ex) {
      return "the engine threw " + crash(ex);
    }
    if (e.fail() != null) {
      return "expected an error but got " + describe(m);
    }
    Window w = new Window(e.startMillis(), e.endMillis(), e.stepMillis());
    return ResultCheck.matrix(e.expected(), m, w, e.ordered());
  }

  /** Null when the error was expected (and reads as expected), else why not. */
  private static @Nullable String unexpectedError(@Nullable Failure fail, QueryException ex) {
    String msg = String.valueOf(ex.getMessage());
    if (fail == null) {
      return "error evaluating: " + msg;
    }
    if (!fail.accepts(msg)) {
      String want =
          fail.message() != null ? "\"" + fail.message() + "\"" : "/" + fail.regex() + "/";
      return "expected error " + want + " but got \"" + msg + "\"";
    }
    return null;
  }

  private static String note(Variant q) {
    return "every selector @ %s, evaluated at %s"
        .formatted(seconds(q.pinnedMillis()), seconds(q.evalMillis()));
  }

  private static String seconds(@Nullable Long millis) {
    return millis == null ? "-" : GoText.formatFloat(millis / 1000.0) + "s";
  }

  private static String describe(QueryValue v) {
    return switch (v) {
      case InstantVector iv -> "vector " + ResultCheck.describe(iv.samples());
      case Scalar s -> "scalar " + GoText.formatFloat(s.v());
      case RangeMatrix m -> "a matrix of " + m.series().size() + " series";
      case StringValue s -> "string \"" + s.v() + "\"";
    };
  }

  private static String crash(RuntimeException ex) {
    return ex.getClass().getSimpleName() + ": " + ex.getMessage();
  }
}
