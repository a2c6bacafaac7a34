package io.moraine.server.api.prom;

import io.moraine.rules.group.GroupSnapshot;
import io.moraine.rules.rule.AlertSnapshot;
import java.util.List;

/** What {@code /api/v1/rules} and {@code /api/v1/alerts} list. Thread-safe. */
public interface RulesSource {
  /** The loaded rule groups in file order, each with its rules and their active alerts. */
  List<GroupSnapshot> groups();

  /** Every active alert (pending and firing) of every alerting rule. */
  List<AlertSnapshot> alerts();

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
