package io.moraine.rules.notify.route;

import java.util.Locale;

/** A silence's state at a given time, as Alertmanager's {@code status.state}. */
public enum SilenceState {
  /** Starts in the future. */
  PENDING,
  /** Mutes matching alerts now. */
  ACTIVE,
  /** Ended; kept for the retention period for the API. */
  EXPIRED;

  /** The API spelling: {@code pending}, {@code active}, {@code expired}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
