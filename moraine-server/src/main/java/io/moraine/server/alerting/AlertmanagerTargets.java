package io.moraine.server.alerting;

import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import io.moraine.ingest.relabel.Relabeler;
import io.moraine.server.config.AlertmanagerConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Alertmanagers of one set, from its discovered target groups, as Prometheus 2.42's {@code
 * AlertmanagerFromGroup}: each target's labels, {@code __scheme__} and {@code __alerts_path__} from
 * the config, the group's labels the target lacks, then {@code relabel_configs}; the URL is {@code
 * __scheme__://__address____alerts_path__}. A group with an address holding a {@code /} is logged
 * and left out. Thread-safe: discoverers of one set may report at once.
 */
final class AlertmanagerTargets {
  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerTargets.class);
  static final String SCHEME = "__scheme__";
  static final String ADDRESS = "__address__";
  static final String ALERTS_PATH = "__alerts_path__";

  private final AlertmanagerConfig config;
  private final Relabeler relabel;
  private final BiConsumer<String, List<URI>> sink;
  private final Map<String, TargetGroup> groups = new LinkedHashMap<>();
  private volatile List<URI> dropped = List.of();

  /**
   * @param sink told the set's name and its Alertmanagers after each change
   */
  AlertmanagerTargets(AlertmanagerConfig config, BiConsumer<String, List<URI>> sink) {
    this.config = config;
    this.relabel = Relabeler.of(config.relabelConfigs());
    this.sink = sink;
  }

  /** Takes changed groups (an empty group removes its source) and republishes the URLs. */
  synchronized void update(List<TargetGroup> changed) {
    for (TargetGroup g : changed) {
      if (g.targets().isEmpty()) {
        groups.remove(g.source());
      } else {
        groups.put(g.source(), g);
      }
    }
    List<URI> active = new ArrayList<>();
    List<URI> drop = new ArrayList<>();
    for (TargetGroup g : groups.values()) {
      fromGroup(g, active, drop);
    }
    dropped = List.copyOf(drop);
    sink.accept(config.name(), active);
  }

  /** Alertmanagers relabeling dropped, with their labels before relabeling. */
  List<URI> dropped() {
    return dropped;
  }

  private void fromGroup(TargetGroup g, List<URI> active, List<URI> drop) {
    List<URI> ok = new ArrayList<>();
    List<URI> gone = new ArrayList<>();
    for (Labels target : g.targets()) {
      Labels before = labels(target, g.labels());
      @Nullable Labels after = relabel.process(before);
      if (after == null) {
        URI u = url(before);
        if (u != null) {
          gone.add(u);
        }
        continue;
      }
      String address = after.getOrEmpty(ADDRESS);
      if (address.contains("/")) {
        LOG.atError()
            .addKeyValue("set", config.name())
            .addKeyValue("err", "\"" + address + "\" is not a valid hostname")
            .log("Creating discovered Alertmanagers failed");
        return;
      }
      URI u = url(after);
      if (u != null) {
        ok.add(u);
      }
    }
    active.addAll(ok);
    drop.addAll(gone);
  }

  /** The target's labels over the config's scheme and path, then the group's it lacks. */
  Labels labels(Labels target, Labels group) {
    Labels.Builder b = Labels.builder();
    b.add(SCHEME, config.scheme());
    b.add(ALERTS_PATH, config.alertsPath());
    for (int i = 0; i < group.size(); i++) {
      b.add(group.name(i), group.value(i));
    }
    for (int i = 0; i < target.size(); i++) {
      b.add(target.name(i), target.value(i));
    }
    return b.build();
  }

  private @Nullable URI url(Labels l) {
    try {
      return new URI(
          l.getOrEmpty(SCHEME), l.getOrEmpty(ADDRESS), l.getOrEmpty(ALERTS_PATH), null, null);
    } catch (URISyntaxException e) {
      LOG.atError()
          .addKeyValue("set", config.name())
          .addKeyValue("labels", l)
          .addKeyValue("err", e.getMessage())
          .log("Cannot build the Alertmanager URL");
      return null;
    }
  }
}
