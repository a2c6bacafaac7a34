package io.moraine.agent.gpu;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.moraine.agent.collector.MetricType;
import java.lang.foreign.MemorySegment;
import java.util.function.ToDoubleFunction;

/**
 * The polled families: dcgm-exporter's name, type and HELP (its default counters file), the NVML
 * function read and how its output struct becomes the value in dcgm-exporter's unit. XID errors
 * come from events instead ({@link XidEvents}).
 */
@SuppressWarnings("ImmutableEnumChecker") // the value functions are stateless lambdas
enum GpuField {
  SM_CLOCK(
      "DCGM_FI_DEV_SM_CLOCK",
      MetricType.GAUGE,
      "SM clock frequency (in MHz).",
      Nvml.Fn.CLOCK,
      Nvml.CLOCK_SM,
      s -> u32(s, 0)),
  GPU_TEMP(
      "DCGM_FI_DEV_GPU_TEMP",
      MetricType.GAUGE,
      "GPU temperature (in C).",
      Nvml.Fn.TEMPERATURE,
      Nvml.TEMPERATURE_GPU,
      s -> u32(s, 0)),
  /** nvmlDeviceGetPowerUsage answers milliwatts. */
  POWER_USAGE(
      "DCGM_FI_DEV_POWER_USAGE",
      MetricType.GAUGE,
      "Power draw (in W).",
      Nvml.Fn.POWER,
      -1,
      s -> u32(s, 0) / 1000.0),
  /** Millijoules since the driver loaded, as NVML counts them. */
  TOTAL_ENERGY_CONSUMPTION(
      "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION",
      MetricType.COUNTER,
      "Total energy consumption since boot (in mJ).",
      Nvml.Fn.ENERGY,
      -1,
      s -> u64(s, 0)),
  /** nvmlUtilization_t: gpu at 0, memory at 4, percent. */
  GPU_UTIL(
      "DCGM_FI_DEV_GPU_UTIL",
      MetricType.GAUGE,
      "GPU utilization (in %).",
      Nvml.Fn.UTILIZATION,
      -1,
      s -> u32(s, 0)),
  MEM_COPY_UTIL(
      "DCGM_FI_DEV_MEM_COPY_UTIL",
      MetricType.GAUGE,
      "Memory utilization (in %).",
      Nvml.Fn.UTILIZATION,
      -1,
      s -> u32(s, 4)),
  /** nvmlMemory_t: total at 0, free at 8, used at 16, bytes; DCGM reports whole MiB. */
  FB_FREE(
      "DCGM_FI_DEV_FB_FREE",
      MetricType.GAUGE,
      "Framebuffer memory free (in MiB).",
      Nvml.Fn.MEMORY,
      -1,
      s -> mebibytes(s, 8)),
  FB_USED(
      "DCGM_FI_DEV_FB_USED",
      MetricType.GAUGE,
      "Framebuffer memory used (in MiB).",
      Nvml.Fn.MEMORY,
      -1,
      s -> mebibytes(s, 16));

  final String metric;
  final MetricType type;
  final String help;
  final Nvml.Fn fn;
  private final int selector;
  private final ToDoubleFunction<MemorySegment> value;

  GpuField(
      String metric,
      MetricType type,
      String help,
      Nvml.Fn fn,
      int selector,
      ToDoubleFunction<MemorySegment> value) {
    this.metric = metric;
    this.type = type;
    this.help = help;
    this.fn = fn;
    this.selector = selector;
    this.value = value;
  }

  /** Calls NVML for {@code device}; on {@link Nvml#SUCCESS} {@link #value} reads the result. */
  int read(Nvml nvml, MemorySegment device) {
    return selector < 0 ? nvml.deviceOut(fn, device) : nvml.deviceSelectorOut(fn, device, selector);
  }

  /** Whether {@code other} reads the same NVML call (so one {@link #read} serves both). */
  boolean sameCall(GpuField other) {
    return fn == other.fn && selector == other.selector;
  }

  /** The value of the last successful {@link #read}, in the family's unit. */
  double value(Nvml nvml) {
    return value.applyAsDouble(nvml.scratch());
  }

  private static double u32(MemorySegment s, long offset) {
    return Integer.toUnsignedLong(s.get(JAVA_INT, offset));
  }

  private static double u64(MemorySegment s, long offset) {
    long v = s.get(JAVA_LONG, offset);
    return v >= 0 ? v : Math.scalb((double) (v >>> 1), 1);
  }

  private static double mebibytes(MemorySegment s, long offset) {
    return s.get(JAVA_LONG, offset) >>> 20;
  }
}
