package io.moraine.rules.notify.alertmanager;

import io.moraine.core.labels.Labels;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the notifier does to alerts and where it sends them. Everything but {@link #queueCapacity}
 * and {@link #userAgent} may change on reload ({@link AlertmanagerNotifier#applyOptions}).
 *
 * @param queueCapacity how many alerts wait at most; the oldest are dropped past it (Prometheus's
 *     {@code --alertmanager.notification-queue-capacity}, 10000)
 * @param externalLabels added to every alert that lacks them (an alert's own label wins)
 * @param alertRelabel {@code alert_relabel_configs}, applied after the external labels; returns
 *     null to drop the alert. Called under the notifier's lock, so it must be fast and thread-safe
 * @param sets the Alertmanager sets, names unique
 * @param userAgent the {@code User-Agent} header ({@code Moraine/<version>})
 */
public record AlertmanagerNotifierOptions(
    int queueCapacity,
    Labels externalLabels,
    Function<Labels, @Nullable Labels> alertRelabel,
    List<AlertmanagerSetOptions> sets,
    String userAgent) {
  /** Prometheus's default queue capacity. */
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

  /** No external labels, no relabeling, no Alertmanagers. */
  public static final AlertmanagerNotifierOptions DEFAULT =
      new AlertmanagerNotifierOptions(
          DEFAULT_QUEUE_CAPACITY, Labels.EMPTY, l -> l, List.of(), "Moraine");

  public AlertmanagerNotifierOptions {
    if (queueCapacity <= 0) {
      throw new IllegalArgumentException("queueCapacity must be positive, got " + queueCapacity);
    }
    Objects.requireNonNull(externalLabels, "externalLabels");
    Objects.requireNonNull(alertRelabel, "alertRelabel");
    sets = List.copyOf(sets);
    Objects.requireNonNull(userAgent, "userAgent");
    Set<String> names = new HashSet<>();
    for (AlertmanagerSetOptions s : sets) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("two Alertmanager sets are named " + s.name());
      }
    }
  }

  public AlertmanagerNotifierOptions withQueueCapacity(int c) {
    return new AlertmanagerNotifierOptions(c, externalLabels, alertRelabel, sets, userAgent);
  }

  public AlertmanagerNotifierOptions withExternalLabels(Labels l) {
    return new AlertmanagerNotifierOptions(queueCapacity, l, alertRelabel, sets, userAgent);
  }

  public AlertmanagerNotifierOptions withAlertRelabel(Function<Labels, @Nullable Labels> r) {
    return new AlertmanagerNotifierOptions(queueCapacity, externalLabels, r, sets, userAgent);
  }

  public AlertmanagerNotifierOptions withSets(List<AlertmanagerSetOptions> s) {
    return new AlertmanagerNotifierOptions(
        queueCapacity, externalLabels, alertRelabel, s, userAgent);
  }

  public AlertmanagerNotifierOptions withUserAgent(String u) {
    return new AlertmanagerNotifierOptions(queueCapacity, externalLabels, alertRelabel, sets, u);
  }
}
