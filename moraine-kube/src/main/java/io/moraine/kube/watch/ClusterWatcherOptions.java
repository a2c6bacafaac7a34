package io.moraine.kube.watch;

import io.moraine.core.time.Clock;
import io.moraine.kube.client.KubeClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ClusterWatcher} watches and how.
 *
 * @param client how to reach the API server
 * @param namespaces the namespaces whose namespaced objects are watched; empty for all
 * @param resync how often the informers re-deliver every object (changes nothing unless an object
 *     differs); zero for never
 * @param siteName the site's name from configuration, or null to take kubeadm-config's clusterName,
 *     else the API server's host
 * @param clock the time of observed moments (deletions, and objects without a creation time)
 * @throws IllegalArgumentException for a negative resync, or a blank namespace or site name
 */
public record ClusterWatcherOptions(
    KubeClientOptions client,
    List<String> namespaces,
    Duration resync,
    @Nullable String siteName,
    Clock clock) {
  public ClusterWatcherOptions {
    Objects.requireNonNull(client, "client");
    namespaces = List.copyOf(namespaces);
    Objects.requireNonNull(resync, "resync");
    Objects.requireNonNull(clock, "clock");
    if (resync.isNegative()) {
      throw new IllegalArgumentException("resync must not be negative: " + resync);
    }
    for (String ns : namespaces) {
      if (ns.isBlank()) {
        throw new IllegalArgumentException("blank namespace in " + namespaces);
      }
    }
    if (siteName != null && siteName.isBlank()) {
      throw new IllegalArgumentException("site name must not be blank");
    }
  }

  /** Every namespace, no resync, the site named by the cluster, the system clock. */
  public static ClusterWatcherOptions of(KubeClientOptions client) {
    return new ClusterWatcherOptions(client, List.of(), Duration.ZERO, null, Clock.SYSTEM);
  }
}
