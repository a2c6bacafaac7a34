package io.moraine.ingest.relabel;

import io.moraine.core.labels.Labels;
import org.jspecify.annotations.Nullable;

/**
 * One compiled relabel step. Implementations are immutable and thread-safe; each returns its input
 * instance when it changes nothing.
 */
sealed interface Step
    permits MatchStep, EqualStep, ReplaceStep, CaseStep, HashModStep, LabelMapStep, NameFilterStep {
  /** The relabeled set, or null when the step drops it. */
  @Nullable Labels apply(Labels in);

  /** Compiles a validated configuration. */
  static Step compile(RelabelConfig c) {
    Source src = new Source(c.sourceLabels(), c.separator());
    return switch (c.action()) {
      case KEEP -> new MatchStep(src, ValueMatcher.of(GoRegex.compile(c.regex())), true);
      case DROP -> new MatchStep(src, ValueMatcher.of(GoRegex.compile(c.regex())), false);
      case KEEPEQUAL -> new EqualStep(src, c.targetLabel(), true);
      case DROPEQUAL -> new EqualStep(src, c.targetLabel(), false);
      case REPLACE -> ReplaceStep.of(src, GoRegex.compile(c.regex()), c);
      case LOWERCASE -> new CaseStep(src, c.targetLabel(), false);
      case UPPERCASE -> new CaseStep(src, c.targetLabel(), true);
      case HASHMOD -> new HashModStep(src, c.targetLabel(), c.modulus());
      case LABELMAP -> LabelMapStep.of(GoRegex.compile(c.regex()), c.replacement());
      case LABELDROP -> new NameFilterStep(ValueMatcher.of(GoRegex.compile(c.regex())), false);
      case LABELKEEP -> new NameFilterStep(ValueMatcher.of(GoRegex.compile(c.regex())), true);
    };
  }
}
