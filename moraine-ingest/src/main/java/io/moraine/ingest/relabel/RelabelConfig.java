package io.moraine.ingest.relabel;

import io.moraine.core.labels.GoQuote;
import io.moraine.core.labels.LabelValidation;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One relabel step as configured ({@code relabel_configs} and friends in Prometheus 2.42).
 * Immutable. Start from {@link #DEFAULT} through {@link #builder()}; an empty {@code sourceLabels}
 * or {@code targetLabel} means "not set".
 *
 * @param sourceLabels labels whose values are joined, in order, into the value the step reads
 * @param separator put between the joined values
 * @param regex RE2 syntax, anchored at both ends ({@code ^(?:regex)$})
 * @param modulus for {@code hashmod}; an unsigned 64-bit number
 * @param targetLabel the label written or compared; for {@code replace} a template
 * @param replacement template expanded from the regex match ({@code $1}, {@code ${name}})
 * @param action what the step does
 */
public record RelabelConfig(
    List<String> sourceLabels,
    String separator,
    String regex,
    long modulus,
    String targetLabel,
    String replacement,
    RelabelAction action) {

  /** Prometheus's defaults: replace with {@code (.*)} by {@code $1}, separator {@code ;}. */
  public static final RelabelConfig DEFAULT =
      new RelabelConfig(List.of(), ";", "(.*)", 0, "", "$1", RelabelAction.REPLACE);

  private static final Set<RelabelAction> NEEDS_TARGET =
      EnumSet.of(
          RelabelAction.REPLACE,
          RelabelAction.HASHMOD,
          RelabelAction.LOWERCASE,
          RelabelAction.UPPERCASE,
          RelabelAction.KEEPEQUAL,
          RelabelAction.DROPEQUAL);

  private static final Set<RelabelAction> TEMPLATED_TARGET =
      EnumSet.of(
          RelabelAction.REPLACE,
          RelabelAction.LOWERCASE,
          RelabelAction.UPPERCASE,
          RelabelAction.KEEPEQUAL,
          RelabelAction.DROPEQUAL);

  private static final Set<RelabelAction> NO_REPLACEMENT =
      EnumSet.of(
          RelabelAction.LOWERCASE,
          RelabelAction.UPPERCASE,
          RelabelAction.KEEPEQUAL,
          RelabelAction.DROPEQUAL);

  public RelabelConfig {
    sourceLabels = List.copyOf(sourceLabels);
    Objects.requireNonNull(separator, "separator");
    Objects.requireNonNull(regex, "regex");
    Objects.requireNonNull(targetLabel, "targetLabel");
    Objects.requireNonNull(replacement, "replacement");
    Objects.requireNonNull(action, "action");
  }

  /** A builder holding {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder(DEFAULT);
  }

  /** A builder holding this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Checks the configuration as Prometheus does when loading it, in the same order and with the
   * same messages.
   *
   * @throws InvalidRelabelConfigException naming the first problem
   */
  public void validate() {
    GoRegex.compile(regex);
    String act = action.configName();
    if (action == RelabelAction.HASHMOD && modulus == 0) {
      throw invalid("relabel configuration for hashmod requires non-zero modulus");
    }
    if (NEEDS_TARGET.contains(action) && targetLabel.isEmpty()) {
      throw invalid("relabel configuration for " + act + " action requires 'target_label' value");
    }
    if (TEMPLATED_TARGET.contains(action) && !TargetTemplate.isValid(targetLabel)) {
      throw invalid(
          GoQuote.quote(targetLabel) + " is invalid 'target_label' for " + act + " action");
    }
    if (NO_REPLACEMENT.contains(action) && !replacement.equals(DEFAULT.replacement)) {
      throw invalid("'replacement' can not be set for " + act + " action");
    }
    if (action == RelabelAction.LABELMAP && !TargetTemplate.isValid(replacement)) {
      throw invalid(
          GoQuote.quote(replacement) + " is invalid 'replacement' for " + act + " action");
    }
    if (action == RelabelAction.HASHMOD && !LabelValidation.isValidLabelName(targetLabel)) {
      throw invalid(
          GoQuote.quote(targetLabel) + " is invalid 'target_label' for " + act + " action");
    }
    if ((action == RelabelAction.KEEPEQUAL || action == RelabelAction.DROPEQUAL)
        && (!regex.equals(DEFAULT.regex)
            || modulus != DEFAULT.modulus
            || !separator.equals(DEFAULT.separator)
            || !replacement.equals(DEFAULT.replacement))) {
      throw invalid(
          act + " action requires only 'source_labels' and `target_label`, and no other fields");
    }
    if ((action == RelabelAction.LABELDROP || action == RelabelAction.LABELKEEP)
        && (!sourceLabels.isEmpty()
            || !targetLabel.equals(DEFAULT.targetLabel)
            || modulus != DEFAULT.modulus
            || !separator.equals(DEFAULT.separator)
            || !replacement.equals(DEFAULT.replacement))) {
      throw invalid(act + " action requires only 'regex', and no other fields");
    }
  }

  private static InvalidRelabelConfigException invalid(String message) {
    return new InvalidRelabelConfigException(message);
  }

  /** Mutable, not thread-safe; starts from the configuration it was made from. */
  public static final class Builder {
    private List<String> sourceLabels;
    private String separator;
    private String regex;
    private long modulus;
    private String targetLabel;
    private String replacement;
    private RelabelAction action;

    private Builder(RelabelConfig from) {
      sourceLabels = from.sourceLabels;
      separator = from.separator;
      regex = from.regex;
      modulus = from.modulus;
      targetLabel = from.targetLabel;
      replacement = from.replacement;
      action = from.action;
    }

    public Builder sourceLabels(String... names) {
      return sourceLabels(List.of(names));
    }

    public Builder sourceLabels(List<String> names) {
      this.sourceLabels = List.copyOf(names);
      return this;
    }

    public Builder separator(String separator) {
      this.separator = separator;
      return this;
    }

    public Builder regex(String regex) {
      this.regex = regex;
      return this;
    }

    /** An unsigned 64-bit modulus; values above {@link Long#MAX_VALUE} are negative longs. */
    public Builder modulus(long modulus) {
      this.modulus = modulus;
      return this;
    }

    public Builder targetLabel(String targetLabel) {
      this.targetLabel = targetLabel;
      return this;
    }

    public Builder replacement(String replacement) {
      this.replacement = replacement;
      return this;
    }

    public Builder action(RelabelAction action) {
      this.action = action;
      return this;
    }

    /** The configuration, not validated (see {@link RelabelConfig#validate()}). */
    public RelabelConfig build() {
      return new RelabelConfig(
          sourceLabels, separator, regex, modulus, targetLabel, replacement, action);
    }
  }
}
