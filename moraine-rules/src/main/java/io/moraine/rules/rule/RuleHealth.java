package io.moraine.rules.rule;

import java.util.Locale;

/** A rule's health after its last evaluation, as {@code /api/v1/rules} reports it. */
public enum RuleHealth {
  /** Not evaluated yet. */
  UNKNOWN,
  /** The last evaluation and its appends succeeded. */
  OK,
  /** The last evaluation, or appending its output, failed. */
  ERR;

  /** The API's spelling: {@code unknown}, {@code ok}, {@code err}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
