package io.moraine.server.api.prom;

import io.moraine.rules.group.GroupSnapshot;
import io.moraine.rules.rule.AlertSnapshot;
import java.util.List;

/**
 * What {@code /api/v1/rules}, {@code /api/v1/alerts} and {@code /api/v1/alertmanagers} list.
 * Thread-safe.
 */
public interface RulesSource {
  /** The loaded rule groups in file order, each with its rules and their active alerts. */
  List<GroupSnapshot> groups();

  /** Every active alert (pending and firing) of every alerting rule. */
  List<AlertSnapshot> alerts();

  /** The Alertmanagers alerts are sent to now ({@code /api/v1/alertmanagers}). */
  default List<java.net.URI> activeAlertmanagers() {
    return List.of();
  }

  /** The Alertmanagers that relabeling dropped. */
  default List<java.net.URI> droppedAlertmanagers() {
    return List.of();
  }

  RulesSource NONE =
      new RulesSource() {
        @Override
        public List<GroupSnapshot> groups() {
          return List.of();
        }

        @Override
        public List<AlertSnapshot> alerts() {
          return List.of();
        }
      };
}
