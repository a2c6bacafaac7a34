package io.moraine.agent.energy;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The linear power model used where RAPL cannot be read: node power in watts is {@code idleWatts +
 * idleWattsPerCore * cores + dynamicWattsPerCore * cores * utilisation}, with {@code cores} the
 * CPUs listed in {@code /proc/stat} and {@code utilisation} the busy share of CPU time between two
 * readings. The {@link ComponentSplit} divides it into Kepler's components. Presets are chosen by
 * name ({@link #preset}); their figures and sources are in {@code docs/energy-model.md}. Immutable.
 *
 * @param name the preset name, or any label for a custom model (shown in no metric)
 * @param idleWatts power drawn by the idle node regardless of its CPU count, W
 * @param idleWattsPerCore idle power per CPU (for VMs, whose share of the host scales with vCPUs),
 *     W
 * @param dynamicWattsPerCore power added per fully busy CPU, W
 * @param split the division into components
 */
public record PowerModel(
    String name,
    double idleWatts,
    double idleWattsPerCore,
    double dynamicWattsPerCore,
    ComponentSplit split) {

  /**
   * A two-socket x86 server: about 100 W idle, about 7 W per busy core (a 32-core part at full load
   * adds ~225 W).
   */
  public static final PowerModel GENERIC_X86_SERVER =
      new PowerModel("generic-x86-server", 100, 0, 7, new ComponentSplit(0.55, 0.40, 0.10, 0.15));

  /**
   * A cloud VM, per vCPU: Cloud Carbon Footprint's AWS average coefficients, 0.74 W per idle vCPU
   * and 3.5 W per busy vCPU.
   */
  public static final PowerModel VM_VCPU =
      new PowerModel("vm-vcpu", 0, 0.74, 3.5 - 0.74, new ComponentSplit(0.55, 0.40, 0.10, 0.15));

  /** A Raspberry Pi 4 Model B: about 2.7 W idle and 6.4 W with all four cores busy. */
  public static final PowerModel RASPBERRY_PI_4 =
      new PowerModel(
          "raspberry-pi-4", 2.7, 0, (6.4 - 2.7) / 4, new ComponentSplit(0.50, 0.35, 0.10, 0.10));

  /**
   * An NVIDIA Jetson Orin Nano in its 15 W mode, CPU only (the GPU is measured by the GPU
   * collector): about 4.5 W idle, about 1 W per busy Cortex-A78AE core (6 cores).
   */
  public static final PowerModel NVIDIA_JETSON =
      new PowerModel("nvidia-jetson", 4.5, 0, 1.0, new ComponentSplit(0.55, 0.35, 0.15, 0.15));

  private static final Map<String, PowerModel> PRESETS = presets();

  /**
   * @throws IllegalArgumentException when a wattage is negative or not finite, or the name is blank
   */
  public PowerModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(split, "split");
    if (name.isBlank()) {
      throw new IllegalArgumentException("power model name is blank");
    }
    watts("idleWatts", idleWatts);
    watts("idleWattsPerCore", idleWattsPerCore);
    watts("dynamicWattsPerCore", dynamicWattsPerCore);
  }

  private static void watts(String field, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + v);
    }
  }

  private static Map<String, PowerModel> presets() {
    Map<String, PowerModel> m = new TreeMap<>();
    for (PowerModel p :
        new PowerModel[] {GENERIC_X86_SERVER, VM_VCPU, RASPBERRY_PI_4, NVIDIA_JETSON}) {
      m.put(p.name(), p);
    }
    return Map.copyOf(m);
  }

  /** The preset names, sorted. */
  public static java.util.SortedSet<String> presetNames() {
    return new java.util.TreeSet<>(PRESETS.keySet());
  }

  /**
   * The preset called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the known presets when there is none by that name
   */
  public static PowerModel preset(String name) {
    PowerModel p = PRESETS.get(name.toLowerCase(Locale.ROOT));
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown power model preset \"" + name + "\"; known: " + presetNames());
    }
    return p;
  }

  /** Node idle power for {@code cores} CPUs, W. */
  double idlePowerWatts(int cores) {
    return idleWatts + idleWattsPerCore * cores;
  }

  /** Node dynamic power for {@code cores} CPUs at {@code utilisation} (0..1), W. */
  double dynamicPowerWatts(int cores, double utilisation) {
    return dynamicWattsPerCore * cores * utilisation;
  }
}
