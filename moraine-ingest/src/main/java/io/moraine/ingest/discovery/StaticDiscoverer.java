package io.moraine.ingest.discovery;

import io.moraine.core.discovery.Discoverer;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Publishes a scrape config's {@code static_configs} once. Sources are the groups' indexes ({@code
 * "0"}, {@code "1"}, ...), as Prometheus numbers the groups of all static configs of one scrape
 * config. Thread-safe; the single update comes from the discoverer's own short-lived thread.
 */
public final class StaticDiscoverer implements Discoverer {
  private final List<TargetGroup> groups;
  private final DiscoveryThread thread = new DiscoveryThread("moraine-sd-static");

  /** A discoverer for {@code groups}, in config order. */
  public StaticDiscoverer(List<StaticGroup> groups) {
    List<TargetGroup> out = new ArrayList<>(groups.size());
    for (int i = 0; i < groups.size(); i++) {
      StaticGroup g = groups.get(i);
      List<Labels> targets = new ArrayList<>(g.targets().size());
      for (String t : g.targets()) {
        targets.add(Labels.of("__address__", t));
      }
      Labels.Builder labels = Labels.builder();
      g.labels().forEach(labels::add);
      out.add(new TargetGroup(Integer.toString(i), targets, labels.build()));
    }
    this.groups = List.copyOf(out);
  }

  /** The groups this discoverer publishes. */
  public List<TargetGroup> groups() {
    return groups;
  }

  @Override
  public void start(Consumer<List<TargetGroup>> updates) {
    thread.start(
        () -> {
          if (!thread.closed()) {
            updates.accept(groups);
          }
        });
  }

  @Override
  public void close() {
    thread.close();
  }
}
