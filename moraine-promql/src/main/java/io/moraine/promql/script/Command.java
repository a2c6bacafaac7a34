package io.moraine.promql.script;

import io.moraine.core.labels.Labels;
import io.moraine.promql.script.SeriesDescription.SequenceValue;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** One command of a test script, with the 1-based line it starts on. */
sealed interface Command permits Command.Load, Command.Clear, Command.Eval {
  int line();

  /**
   * {@code load <interval>}: value i of each series is a sample at {@code i × interval} ms (omitted
   * values leave a gap). A series described twice in one block keeps its last description.
   */
  record Load(int line, long intervalMillis, List<SeriesDescription> series) implements Command {
    public Load {
      series = List.copyOf(series);
    }
  }

  /** {@code clear}: drops all loaded series. */
  record Clear(int line) implements Command {}

  /**
   * An evaluation and what it must give.
   *
   * @param text the command line as written, for messages
   * @param expr the PromQL text
   * @param range whether it is {@code eval range}; an instant eval has {@code start == end} and a
   *     zero step
   * @param ordered whether the result's order must match the expected lines' order
   * @param fail null unless the evaluation must fail (and then how the message must read)
   */
  record Eval(
      int line,
      String text,
      String expr,
      boolean range,
      long startMillis,
      long endMillis,
      long stepMillis,
      boolean ordered,
      @Nullable Failure fail,
      Expected expected)
      implements Command {}

  /** An expected failure; with neither field set any evaluation error will do. */
  record Failure(@Nullable String message, @Nullable Pattern regex) {
    static final Failure ANY = new Failure(null, null);

    /** Whether an error message satisfies this expectation. */
    boolean accepts(String actual) {
      if (message != null) {
        return message.equals(actual);
      }
      return regex == null || regex.matcher(actual).find();
    }
  }

  /**
   * The expected result lines of an eval.
   *
   * @param series the expected series in written order (a later line for the same labels replaces
   *     an earlier one, as in Prometheus)
   * @param scalar the bare number that ended the block, or null
   * @param string the {@code expect string} value, or null
   * @param matrix the window of an {@code expect range vector} line, or null
   */
  record Expected(
      List<ExpectedSeries> series,
      @Nullable Double scalar,
      @Nullable String string,
      @Nullable Window matrix) {
    public Expected {
      series = List.copyOf(series);
    }
  }

  /**
   * One expected series.
   *
   * @param position its 1-based place among the expected series lines (a line repeating an earlier
   *     series replaces it and keeps its own place, as in Prometheus)
   */
  record ExpectedSeries(Labels labels, List<SequenceValue> values, int position) {
    public ExpectedSeries {
      values = List.copyOf(values);
    }
  }

  /** The times at which expected matrix values lie: value i at {@code start + i × step}. */
  record Window(long startMillis, long endMillis, long stepMillis) {}
}
