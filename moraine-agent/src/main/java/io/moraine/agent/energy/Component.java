package io.moraine.agent.energy;

/**
 * The energy components Kepler names its families after ({@code kepler_node_<name>_joules_total}).
 * {@code package} contains {@code core} and {@code uncore}; {@code platform} is the whole node and
 * {@code other} is what the platform uses beyond {@code package} and {@code dram}.
 */
enum Component {
  PACKAGE("package"),
  CORE("core"),
  UNCORE("uncore"),
  DRAM("dram"),
  OTHER("other"),
  PLATFORM("platform");

  static final Component[] ALL = values();

  private final String label;

  Component(String label) {
    this.label = label;
  }

  /** The name as it appears in metric names and RAPL zone {@code name} files. */
  String label() {
    return label;
  }

  /** The node family's name. */
  String nodeFamily() {
    return "kepler_node_" + label + "_joules_total";
  }

  /** The container family's name. */
  String containerFamily() {
    return "kepler_container_" + label + "_joules_total";
  }
}
