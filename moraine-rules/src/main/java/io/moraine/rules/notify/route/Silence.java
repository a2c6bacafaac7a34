package io.moraine.rules.notify.route;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import java.util.List;
import java.util.Objects;

/**
 * A silence, as Alertmanager stores it. Immutable. Times are ms since the epoch.
 *
 * @param id the UUID; empty in a request that creates a silence
 * @param matchers all must match an alert's labels for the silence to mute it
 * @param updatedAtMillis when it was last changed; ignored in requests
 */
public record Silence(
    String id,
    List<Matcher> matchers,
    long startsAtMillis,
    long endsAtMillis,
    long updatedAtMillis,
    String createdBy,
    String comment) {
  public Silence {
    Objects.requireNonNull(id, "id");
    matchers = List.copyOf(matchers);
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(comment, "comment");
  }

  /** The state at {@code nowMillis}: pending before it starts, expired after it ends. */
  public SilenceState stateAt(long nowMillis) {
    if (nowMillis < startsAtMillis) {
      return SilenceState.PENDING;
    }
    if (nowMillis > endsAtMillis) {
      return SilenceState.EXPIRED;
    }
    return SilenceState.ACTIVE;
  }

  /** Whether all matchers match {@code labels} (a missing label matching as ""). */
  public boolean matches(Labels labels) {
    return Route.matchesAll(matchers, labels);
  }

  Silence with(String newId, long starts, long ends, long updated) {
    return new Silence(newId, matchers, starts, ends, updated, createdBy, comment);
  }
}
