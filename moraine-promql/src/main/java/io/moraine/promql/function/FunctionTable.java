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
 * Every PromQL function of Prometheus 2.42: name, signature, one-line summary and how it is
 * evaluated. The one registry of functions; the parser checks calls against it and the engine
 * evaluates from it.
 */
public final class FunctionTable {
  private static final Map<String, FunctionDef> BY_NAME = new LinkedHashMap<>();

  static {
    List<FunctionDef> all =
        List.of(
            special("abs", List.of(VECTOR), 0, VECTOR, true, "absolute value of each sample"),
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
            special("acos", List.of(VECTOR), 0, VECTOR, true, "arccosine"),
            special("acosh", List.of(VECTOR), 0, VECTOR, true, "inverse hyperbolic cosine"),
            special("asin", List.of(VECTOR), 0, VECTOR, true, "arcsine"),
            special("asinh", List.of(VECTOR), 0, VECTOR, true, "inverse hyperbolic sine"),
            special("atan", List.of(VECTOR), 0, VECTOR, true, "arctangent"),
            special("atanh", List.of(VECTOR), 0, VECTOR, true, "inverse hyperbolic tangent"),
            special(
                "avg_over_time",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "average of the samples in the range"),
            special("ceil", List.of(VECTOR), 0, VECTOR, true, "round up to an integer"),
            special(
                "changes",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "number of value changes in the range"),
            special(
                "clamp",
                List.of(VECTOR, SCALAR, SCALAR),
                0,
                VECTOR,
                true,
                "clamp values to [min, max]"),
            special(
                "clamp_max",
                List.of(VECTOR, SCALAR),
                0,
                VECTOR,
                true,
                "clamp values to at most max"),
            special(
                "clamp_min",
                List.of(VECTOR, SCALAR),
                0,
                VECTOR,
                true,
                "clamp values to at least min"),
            special("cos", List.of(VECTOR), 0, VECTOR, true, "cosine"),
            special("cosh", List.of(VECTOR), 0, VECTOR, true, "hyperbolic cosine"),
            special(
                "count_over_time",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "number of samples in the range"),
            special(
                "days_in_month",
                List.of(VECTOR),
                1,
                VECTOR,
                true,
                "days in the month of each timestamp (UTC)"),
            special(
                "day_of_month",
                List.of(VECTOR),
                1,
                VECTOR,
                true,
                "day of the month, 1 to 31 (UTC)"),
            special(
                "day_of_week",
                List.of(VECTOR),
                1,
                VECTOR,
                true,
                "day of the week, 0 (Sunday) to 6 (UTC)"),
            special(
                "day_of_year", List.of(VECTOR), 1, VECTOR, true, "day of the year, 1 to 366 (UTC)"),
            special("deg", List.of(VECTOR), 0, VECTOR, true, "radians to degrees"),
            special(
                "delta",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "extrapolated difference between first and last sample of a gauge"),
            special(
                "deriv",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "per-second derivative by simple linear regression"),
            special("exp", List.of(VECTOR), 0, VECTOR, true, "e to the power of each sample"),
            special("floor", List.of(VECTOR), 0, VECTOR, true, "round down to an integer"),
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
            special(
                "holt_winters",
                List.of(MATRIX, SCALAR, SCALAR),
                0,
                VECTOR,
                true,
                "double exponential smoothing of the range"),
            special("hour", List.of(VECTOR), 1, VECTOR, true, "hour of the day, 0 to 23 (UTC)"),
            special(
                "idelta",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "difference between the last two samples"),
            special(
                "increase",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "extrapolated increase of a counter, resets handled"),
            special(
                "irate",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "per-second rate from the last two samples"),
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
            special(
                "last_over_time",
                List.of(MATRIX),
                0,
                VECTOR,
                false,
                "most recent sample in the range"),
            special("ln", List.of(VECTOR), 0, VECTOR, true, "natural logarithm"),
            special("log10", List.of(VECTOR), 0, VECTOR, true, "decimal logarithm"),
            special("log2", List.of(VECTOR), 0, VECTOR, true, "binary logarithm"),
            special(
                "max_over_time",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "maximum of the samples in the range"),
            special(
                "min_over_time",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "minimum of the samples in the range"),
            special(
                "minute", List.of(VECTOR), 1, VECTOR, true, "minute of the hour, 0 to 59 (UTC)"),
            special("month", List.of(VECTOR), 1, VECTOR, true, "month of the year, 1 to 12 (UTC)"),
            special("pi", List.of(), 0, SCALAR, true, "the number pi"),
            special(
                "predict_linear",
                List.of(MATRIX, SCALAR),
                0,
                VECTOR,
                true,
                "value in t seconds by simple linear regression"),
            special(
                "present_over_time",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "1 for each series with a sample in the range"),
            special(
                "quantile_over_time",
                List.of(SCALAR, MATRIX),
                0,
                VECTOR,
                true,
                "φ-quantile of the samples in the range"),
            special("rad", List.of(VECTOR), 0, VECTOR, true, "degrees to radians"),
            special(
                "rate",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "extrapolated per-second rate of a counter, resets handled"),
            special(
                "resets",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "number of counter resets in the range"),
            special(
                "round",
                List.of(VECTOR, SCALAR),
                1,
                VECTOR,
                true,
                "round to the nearest multiple of to_nearest (default 1), halves up"),
            special(
                "scalar",
                List.of(VECTOR),
                0,
                SCALAR,
                true,
                "the value of a 1-element vector, else NaN"),
            special("sgn", List.of(VECTOR), 0, VECTOR, true, "sign: -1, 0 or 1"),
            special("sin", List.of(VECTOR), 0, VECTOR, true, "sine"),
            special("sinh", List.of(VECTOR), 0, VECTOR, true, "hyperbolic sine"),
            special(
                "sort", List.of(VECTOR), 0, VECTOR, false, "samples sorted by value, ascending"),
            special(
                "sort_desc",
                List.of(VECTOR),
                0,
                VECTOR,
                false,
                "samples sorted by value, descending"),
            special("sqrt", List.of(VECTOR), 0, VECTOR, true, "square root"),
            special(
                "stddev_over_time",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "population standard deviation of the range"),
            special(
                "stdvar_over_time",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "population variance of the range"),
            special(
                "sum_over_time",
                List.of(MATRIX),
                0,
                VECTOR,
                true,
                "sum of the samples in the range"),
            special("tan", List.of(VECTOR), 0, VECTOR, true, "tangent"),
            special("tanh", List.of(VECTOR), 0, VECTOR, true, "hyperbolic tangent"),
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
            special("year", List.of(VECTOR), 1, VECTOR, true, "year of each timestamp (UTC)"));
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
}
