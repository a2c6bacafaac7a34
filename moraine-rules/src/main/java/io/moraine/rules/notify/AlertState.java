package io.moraine.rules.notify;

/** The states an alert passes through, as the alert history records them. */
public enum AlertState {
  PENDING,
  FIRING,
  RESOLVED,
  SILENCED;

  /** The lower-case name used in APIs and series ({@code pending}, {@code firing}, ...). */
  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
