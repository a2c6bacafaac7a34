package io.moraine.ingest.relabel;

import io.moraine.core.labels.Labels;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A list of relabel configurations, validated and compiled once, applied in order as Prometheus
 * 2.42's {@code relabel.Process} applies them. Immutable and thread-safe: share one instance per
 * scrape config across scrapers.
 *
 * <p>Costs: a step that changes nothing returns its input without allocating; {@code keep} and
 * {@code drop} on literal sets or literal prefixes ({@code a|b}, {@code prefix_(x|y)}, {@code
 * name_.*}) do not run the regex engine, nor does {@code replace} with the default {@code (.*)}.
 */
public final class Relabeler {
  private static final Relabeler NONE = new Relabeler(List.of(), new Step[0]);

  private final List<RelabelConfig> configs;
  private final Step[] steps;

  private Relabeler(List<RelabelConfig> configs, Step[] steps) {
    this.configs = configs;
    this.steps = steps;
  }

  /**
   * Validates and compiles {@code configs}.
   *
   * @throws InvalidRelabelConfigException for the first invalid configuration, with Prometheus's
   *     message
   */
  public static Relabeler of(List<RelabelConfig> configs) {
    return compile(configs, true);
  }

  /**
   * Compiles without Prometheus's load-time checks (regexes must still compile), as Prometheus's
   * {@code Process} runs whatever it is given; for tests of run-time behaviour.
   */
  static Relabeler unvalidated(List<RelabelConfig> configs) {
    return compile(configs, false);
  }

  private static Relabeler compile(List<RelabelConfig> configs, boolean validate) {
    List<RelabelConfig> copy = List.copyOf(configs);
    if (copy.isEmpty()) {
      return NONE;
    }
    Step[] steps = new Step[copy.size()];
    for (int i = 0; i < steps.length; i++) {
      RelabelConfig c = copy.get(i);
      if (validate) {
        c.validate();
      }
      steps[i] = Step.compile(c);
    }
    return new Relabeler(copy, steps);
  }

  /** The relabeler that changes nothing. */
  public static Relabeler none() {
    return NONE;
  }

  /**
   * Applies every step in order.
   *
   * @return the relabeled set ({@code in} itself when nothing changed), or null when a step drops
   *     it
   */
  public @Nullable Labels process(Labels in) {
    Labels cur = in;
    for (Step s : steps) {
      cur = s.apply(cur);
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }

  /** The configurations, in order. */
  public List<RelabelConfig> configs() {
    return configs;
  }

  public boolean isEmpty() {
    return steps.length == 0;
  }
}
