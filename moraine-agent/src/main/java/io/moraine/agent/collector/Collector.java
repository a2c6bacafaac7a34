package io.moraine.agent.collector;

import java.io.IOException;

/**
 * One source of metrics, switched on and off by name ({@code --collector.<name>} / {@code
 * --no-collector.<name>}, as node_exporter's switches).
 *
 * <p>Contract: {@link #collect} is never called concurrently with itself (the agent serialises
 * scrapes), so a collector may keep state between scrapes (previous counter readings for
 * wrap-around, integrated energy). A collector writes each family it owns at most once per call,
 * with all of its samples together. A failure (missing file, permission) is thrown; the agent then
 * reports {@code moraine_agent_collector_success{collector="<name>"} 0} and the other collectors
 * still answer. Samples written before the failure stay in the response.
 */
public interface Collector {
  /**
   * The name used in switches and in the {@code collector} label: lower case, {@code [a-z0-9_]}.
   */
  String name();

  /**
   * Reads the source and writes its families.
   *
   * @throws IOException when the source cannot be read; any runtime exception counts as a failure
   *     too
   */
  void collect(MetricWriter out) throws IOException;
}
