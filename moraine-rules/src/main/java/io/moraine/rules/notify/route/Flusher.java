package io.moraine.rules.notify.route;

import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.Notification;
import io.moraine.rules.notify.Receivers;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification pipeline of one group flush, after muting: dedup against the notification log
 * ({@link #needsUpdate}, Alertmanager's DedupStage with send_resolved), delivery, and logging on
 * success. Thread-safe: flushes of different groups run concurrently.
 */
final class Flusher {
  private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);

  private final Receivers receivers;
  private final NotificationLog nflog;
  private final RouterMetrics metrics;
  private final String externalUrl;

  Flusher(Receivers receivers, NotificationLog nflog, RouterMetrics metrics, String externalUrl) {
    this.receivers = receivers;
    this.nflog = nflog;
    this.metrics = metrics;
    this.externalUrl = externalUrl;
  }

  /**
   * Notifies {@code alerts} (the unmuted alerts of the group, sorted) when dedup lets it.
   *
   * @return false when delivery or logging failed (the group keeps its resolved alerts and retries
   *     at the next group interval)
   */
  boolean notify(
      String receiver,
      String groupKey,
      java.util.Map<String, String> groupLabels,
      List<Alert> alerts,
      long now,
      long groupIntervalMillis,
      long repeatIntervalMillis) {
    if (alerts.isEmpty()) {
      return true;
    }
    Set<Long> firing = new HashSet<>();
    Set<Long> resolved = new HashSet<>();
    for (Alert a : alerts) {
      (a.resolvedAt(now) ? resolved : firing).add(a.labels().stableHash());
    }
    NotificationLog.Entry entry = nflog.get(groupKey, receiver);
    if (!needsUpdate(entry, firing, resolved, now, repeatIntervalMillis)) {
      metrics.dedup.inc();
      return true;
    }
    Notification n = new Notification(receiver, groupKey, groupLabels, alerts, 0, externalUrl, now);
    try {
      if (!receivers.deliver(n, now + groupIntervalMillis)) {
        metrics.failed.inc();
        LOG.atWarn()
            .addKeyValue("receiver", receiver)
            .addKeyValue("group", groupKey)
            .log("notification not delivered; retrying at the next group interval");
        return false;
      }
      nflog.log(groupKey, receiver, now, firing, resolved);
      return true;
    } catch (IOException | RuntimeException e) {
      metrics.failed.inc();
      LOG.atError()
          .addKeyValue("receiver", receiver)
          .addKeyValue("group", groupKey)
          .addKeyValue("error", e.toString())
          .log("notification failed");
      return false;
    }
  }

  /** Alertmanager's DedupStage decision, with send_resolved on. */
  static boolean needsUpdate(
      NotificationLog.@Nullable Entry entry,
      Set<Long> firing,
      Set<Long> resolved,
      long now,
      long repeatIntervalMillis) {
    if (entry == null) {
      return !firing.isEmpty();
    }
    if (!entry.firing().containsAll(firing)) {
      return true;
    }
    if (firing.isEmpty()) {
      return !entry.firing().isEmpty();
    }
    if (!entry.resolved().containsAll(resolved)) {
      return true;
    }
    return entry.timestampMillis() < now - repeatIntervalMillis;
  }
}
