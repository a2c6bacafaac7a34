package io.moraine.promql.function;

import static io.moraine.promql.ast.ValueType.MATRIX;
import static io.moraine.promql.ast.ValueType.SCALAR;
import static io.moraine.promql.ast.ValueType.STRING;
import static io.moraine.promql.ast.ValueType.VECTOR;

import io.moraine.promql.ast.FunctionSignature;
import io.moraine.promql.ast.ValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every PromQL function of Prometheus 2.42: name, signature, one-line summary, how it is evaluated
 * and whether it drops {@code __name__}. The one registry of functions; the parser checks calls
 * against it and the engine evaluates from it.
 *
 * <p>Every output of a range or element-wise function drops the metric name except {@code
 * last_over_time}'s (which acts like an offset); {@code sort}, {@code sort_desc} and the {@code
 * label_*} functions keep it too.
 */
public final class FunctionTable {
  private static final Map<String, FunctionDef> BY_NAME = new LinkedHashMap<>();

  static {
    List<FunctionDef> all =
        List.of(
            unary("abs", "absolute value of each sample", (v, a) -> Math.abs(v)),
            special(
                "absent",
                List.of(VECTOR),
                0,
                VECTOR,
                true,
                "1-element vector when the argument has no samples"),
            special(
                "absent_over_time",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "1-element vector when the range has no samples"),
            unary("acos", "arccosine", (v, a) -> Math.acos(v)),
            unary("acosh", "inverse hyperbolic cosine", (v, a) -> Elementwise.acosh(v)),
            unary("asin", "arcsine", (v, a) -> Math.asin(v)),
            unary("asinh", "inverse hyperbolic sine", (v, a) -> Elementwise.asinh(v)),
            unary("atan", "arctangent", (v, a) -> Math.atan(v)),
            unary("atanh", "inverse hyperbolic tangent", (v, a) -> Elementwise.atanh(v)),
            overTime("avg_over_time", "average of the samples in the range", OverTime::avg),
            unary("ceil", "round up to an integer", (v, a) -> Math.ceil(v)),
            overTime("changes", "number of value changes in the range", Changes::changes),
            element(
                "clamp",
                List.of(VECTOR, SCALAR, SCALAR),
                0,
                "clamp values to [min, max]",
                Elementwise::clamp,
                Elementwise::clampIsEmpty),
            element(
                "clamp_max",
                List.of(VECTOR, SCALAR),
                0,
                "clamp values to at most max",
                Elementwise::clampMax,
                null),
            element(
                "clamp_min",
                List.of(VECTOR, SCALAR),
                0,
                "clamp values to at least min",
                Elementwise::clampMin,
                null),
            unary("cos", "cosine", (v, a) -> Math.cos(v)),
            unary("cosh", "hyperbolic cosine", (v, a) -> Math.cosh(v)),
            overTime("count_over_time", "number of samples in the range", OverTime::count),
            date("days_in_month", "days in the month of each timestamp (UTC)", Dates::daysInMonth),
            date("day_of_month", "day of the month, 1 to 31 (UTC)", Dates::dayOfMonth),
            date("day_of_week", "day of the week, 0 (Sunday) to 6 (UTC)", Dates::dayOfWeek),
            date("day_of_year", "day of the year, 1 to 366 (UTC)", Dates::dayOfYear),
            unary("deg", "radians to degrees", (v, a) -> v * 180 / Math.PI),
            overTime(
                "delta",
                "extrapolated difference between first and last sample of a gauge",
                Rates::delta),
            overTime(
                "deriv", "per-second derivative by simple linear regression", Regression::deriv),
            unary("exp", "e to the power of each sample", (v, a) -> Math.exp(v)),
            unary("floor", "round down to an integer", (v, a) -> Math.floor(v)),
            special(
                "histogram_count",
                List.of(VECTOR),
                0,
                VECTOR,
                true,
                "count of native histograms (none are stored: float samples yield nothing)"),
            special(
                "histogram_fraction",
                List.of(SCALAR, SCALAR, VECTOR),
                0,
                VECTOR,
                true,
                "fraction of native histogram observations between bounds (float samples yield nothing)"),
            special(
                "histogram_quantile",
                List.of(SCALAR, VECTOR),
                0,
                VECTOR,
                true,
                "quantile from classic histogram buckets (le label)"),
            special(
                "histogram_sum",
                List.of(VECTOR),
                0,
                VECTOR,
                true,
                "sum of native histograms (float samples yield nothing)"),
            range(
                "holt_winters",
                List.of(MATRIX, SCALAR, SCALAR),
                true,
                "double exponential smoothing of the range",
                HoltWinters::apply),
            date("hour", "hour of the day, 0 to 23 (UTC)", Dates::hour),
            overTime("idelta", "difference between the last two samples", Rates::idelta),
            overTime(
                "increase", "extrapolated increase of a counter, resets handled", Rates::increase),
            overTime("irate", "per-second rate from the last two samples", Rates::irate),
            special(
                "label_join",
                List.of(VECTOR, STRING, STRING, STRING),
                -1,
                VECTOR,
                false,
                "joins source label values into a destination label"),
            special(
                "label_replace",
                List.of(VECTOR, STRING, STRING, STRING, STRING),
                0,
                VECTOR,
                false,
                "regex replacement of a label's value into another label"),
            range(
                "last_over_time",
                List.of(MATRIX),
                false,
                "most recent sample in the range",
                OverTime::last),
            unary("ln", "natural logarithm", (v, a) -> Math.log(v)),
            unary("log10", "decimal logarithm", (v, a) -> Math.log10(v)),
            unary("log2", "binary logarithm", (v, a) -> Elementwise.log2(v)),
            overTime("max_over_time", "maximum of the samples in the range", OverTime::max),
            overTime("min_over_time", "minimum of the samples in the range", OverTime::min),
            date("minute", "minute of the hour, 0 to 59 (UTC)", Dates::minute),
            date("month", "month of the year, 1 to 12 (UTC)", Dates::month),
            special("pi", List.of(), 0, SCALAR, true, "the number pi"),
            range(
                "predict_linear",
                List.of(MATRIX, SCALAR),
                true,
                "value in t seconds by simple linear regression",
                Regression::predictLinear),
            overTime(
                "present_over_time",
                "1 for each series with a sample in the range",
                OverTime::present),
            range(
                "quantile_over_time",
                List.of(SCALAR, MATRIX),
                true,
                "φ-quantile of the samples in the range",
                OverTime::quantile),
            unary("rad", "degrees to radians", (v, a) -> v * Math.PI / 180),
            overTime(
                "rate", "extrapolated per-second rate of a counter, resets handled", Rates::rate),
            overTime("resets", "number of counter resets in the range", Changes::resets),
            element(
                "round",
                List.of(VECTOR, SCALAR),
                1,
                "round to the nearest multiple of to_nearest (default 1), halves up",
                Elementwise::round,
                null),
            special(
                "scalar",
                List.of(VECTOR),
                0,
                SCALAR,
                true,
                "the value of a 1-element vector, else NaN"),
            unary("sgn", "sign: -1, 0 or 1", (v, a) -> Elementwise.sgn(v)),
            unary("sin", "sine", (v, a) -> Math.sin(v)),
            unary("sinh", "hyperbolic sine", (v, a) -> Math.sinh(v)),
            special(
                "sort", List.of(VECTOR), 0, VECTOR, false, "samples sorted by value, ascending"),
            special(
                "sort_desc",
                List.of(VECTOR),
                0,
                VECTOR,
                false,
                "samples sorted by value, descending"),
            unary("sqrt", "square root", (v, a) -> Math.sqrt(v)),
            overTime(
                "stddev_over_time", "population standard deviation of the range", OverTime::stddev),
            overTime("stdvar_over_time", "population variance of the range", OverTime::stdvar),
            overTime("sum_over_time", "sum of the samples in the range", OverTime::sum),
            unary("tan", "tangent", (v, a) -> Math.tan(v)),
            unary("tanh", "hyperbolic tangent", (v, a) -> Math.tanh(v)),
            special("time", List.of(), 0, SCALAR, true, "evaluation time in seconds"),
            special(
                "timestamp",
                List.of(VECTOR),
                0,
                VECTOR,
                true,
                "timestamp of each sample in seconds"),
            special(
                "vector",
                List.of(SCALAR),
                0,
                VECTOR,
                true,
                "the scalar as a vector with no labels"),
            date("year", "year of each timestamp (UTC)", Dates::year));
    for (FunctionDef d : all) {
      BY_NAME.put(d.name(), d);
    }
  }

  private FunctionTable() {}

  /** The function called {@code name}, or null when PromQL has none. */
  public static @Nullable FunctionDef lookup(String name) {
    return BY_NAME.get(name);
  }

  /** Every function, in name order. */
  public static List<FunctionDef> all() {
    return List.copyOf(BY_NAME.values());
  }

  /** Evaluated by the engine itself, by name. */
  private static FunctionDef special(
      String name,
      List<ValueType> args,
      int variadic,
      ValueType ret,
      boolean dropsName,
      String summary) {
    return new FunctionDef(
        new FunctionSignature(name, args, variadic, ret),
        summary,
        new FunctionDef.Special(),
        dropsName);
  }

  /** A range function returning a vector. */
  private static FunctionDef range(
      String name, List<ValueType> args, boolean dropsName, String summary, RangeFn fn) {
    return new FunctionDef(
        new FunctionSignature(name, args, 0, VECTOR),
        summary,
        new FunctionDef.Range(fn),
        dropsName);
  }

  /** A range function of just the range vector, dropping the metric name. */
  private static FunctionDef overTime(String name, String summary, RangeFn fn) {
    return range(name, List.of(MATRIX), true, summary, fn);
  }

  /** An element-wise function returning a vector without the metric name. */
  private static FunctionDef element(
      String name,
      List<ValueType> args,
      int variadic,
      String summary,
      ElementFn fn,
      FunctionDef.@Nullable ArgsPredicate emptyWhen) {
    return new FunctionDef(
        new FunctionSignature(name, args, variadic, VECTOR),
        summary,
        new FunctionDef.Element(fn, emptyWhen),
        true);
  }

  /** An element-wise function of one vector argument. */
  private static FunctionDef unary(String name, String summary, ElementFn fn) {
    return element(name, List.of(VECTOR), 0, summary, fn, null);
  }

  /** A date function: its vector argument, unix seconds, defaults to {@code vector(time())}. */
  private static FunctionDef date(String name, String summary, ElementFn fn) {
    return element(name, List.of(VECTOR), 1, summary, fn, null);
  }
}
