package io.moraine.agent.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The NVML functions the collector uses, bound through {@link Linker}. Every call returns NVML's
 * {@code nvmlReturn_t}; a function the loaded library lacks answers {@link #FUNCTION_NOT_FOUND}
 * without calling anything, so an old driver disables only what it lacks.
 *
 * <p>Results land in one reusable scratch segment ({@link #scratch()}), valid until the next call.
 * Not thread-safe: the collector serialises all calls. The arena owns the library mapping and the
 * scratch memory; closing it (after {@code nvmlShutdown}) unloads both.
 */
final class Nvml {
  static final int SUCCESS = 0;
  static final int NOT_SUPPORTED = 3;
  static final int INSUFFICIENT_SIZE = 7;
  static final int TIMEOUT = 10;
  static final int FUNCTION_NOT_FOUND = 13;

  /** {@code NVML_TEMPERATURE_GPU}. */
  static final int TEMPERATURE_GPU = 0;

  /** {@code NVML_CLOCK_SM}. */
  static final int CLOCK_SM = 1;

  /** {@code nvmlEventTypeXidCriticalError}. */
  static final long EVENT_XID_CRITICAL = 0x8L;

  /** {@code NVML_DEVICE_UUID_V2_BUFFER_SIZE} and {@code NVML_DEVICE_NAME_V2_BUFFER_SIZE}. */
  private static final int STRING_BUFFER = 96;

  /** Larger than every struct read through it (nvmlPciInfo_t: 68 bytes, nvmlEventData_t: 32). */
  private static final int SCRATCH_BYTES = 256;

  /** sizeof(nvmlProcessInfo_t) as _v3 fills it: pid, pad, usedGpuMemory, gpu/compute instance. */
  private static final int PROCESS_INFO_BYTES = 24;

  /** The bound functions: C name and signature, from nvml.h. */
  @SuppressWarnings("ImmutableEnumChecker") // FunctionDescriptor is an immutable value
  enum Fn {
    INIT("nvmlInit_v2", FunctionDescriptor.of(JAVA_INT)),
    SHUTDOWN("nvmlShutdown", FunctionDescriptor.of(JAVA_INT)),
    ERROR_STRING("nvmlErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT)),
    DEVICE_COUNT("nvmlDeviceGetCount_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
    HANDLE_BY_INDEX(
        "nvmlDeviceGetHandleByIndex_v2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS)),
    UUID("nvmlDeviceGetUUID", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT)),
    NAME("nvmlDeviceGetName", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT)),
    MINOR_NUMBER("nvmlDeviceGetMinorNumber", deviceOut()),
    PCI_INFO("nvmlDeviceGetPciInfo_v3", deviceOut()),
    UTILIZATION("nvmlDeviceGetUtilizationRates", deviceOut()),
    MEMORY("nvmlDeviceGetMemoryInfo", deviceOut()),
    POWER("nvmlDeviceGetPowerUsage", deviceOut()),
    ENERGY("nvmlDeviceGetTotalEnergyConsumption", deviceOut()),
    TEMPERATURE(
        "nvmlDeviceGetTemperature", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS)),
    CLOCK("nvmlDeviceGetClockInfo", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS)),
    EVENT_SET_CREATE("nvmlEventSetCreate", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
    EVENT_SET_FREE("nvmlEventSetFree", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
    REGISTER_EVENTS(
        "nvmlDeviceRegisterEvents", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS)),
    EVENT_WAIT("nvmlEventSetWait_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT)),
    COMPUTE_PROCESSES(
        "nvmlDeviceGetComputeRunningProcesses_v3",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));

    final String symbol;
    final FunctionDescriptor descriptor;

    Fn(String symbol, FunctionDescriptor descriptor) {
      this.symbol = symbol;
      this.descriptor = descriptor;
    }

    private static FunctionDescriptor deviceOut() {
      return FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    }
  }

  private final Arena arena;
  private final Map<Fn, MethodHandle> handles = new EnumMap<>(Fn.class);
  private final MemorySegment scratch;

  /** Binds every function {@code lookup} has; the arena must be the lookup's. */
  Nvml(SymbolLookup lookup, Arena arena) {
    this.arena = arena;
    Linker linker = Linker.nativeLinker();
    for (Fn fn : Fn.values()) {
      lookup
          .find(fn.symbol)
          .ifPresent(s -> handles.put(fn, linker.downcallHandle(s, fn.descriptor)));
    }
    this.scratch = arena.allocate(SCRATCH_BYTES, 8);
  }

  /** Whether the library exports {@code fn}. */
  boolean has(Fn fn) {
    return handles.containsKey(fn);
  }

  /** The scratch segment holding the last call's output struct or string. */
  MemorySegment scratch() {
    return scratch;
  }

  /** {@code nvmlInit_v2} or {@code nvmlShutdown}. */
  int call(Fn fn) {
    MethodHandle h = handles.get(fn);
    if (h == null) {
      return FUNCTION_NOT_FOUND;
    }
    try {
      return (int) h.invokeExact();
    } catch (Throwable t) {
      throw rethrow(fn, t);
    }
  }

  /** A function {@code (device, T* out)}; the output is in the scratch segment. */
  int deviceOut(Fn fn, MemorySegment device) {
    MethodHandle h = handles.get(fn);
    if (h == null) {
      return FUNCTION_NOT_FOUND;
    }
    scratch.fill((byte) 0);
    try {
      return (int) h.invokeExact(device, scratch);
    } catch (Throwable t) {
      throw rethrow(fn, t);
    }
  }

  /** A function {@code (device, int selector, unsigned int* out)}: temperature and clocks. */
  int deviceSelectorOut(Fn fn, MemorySegment device, int selector) {
    MethodHandle h = handles.get(fn);
    if (h == null) {
      return FUNCTION_NOT_FOUND;
    }
    scratch.fill((byte) 0);
    try {
      return (int) h.invokeExact(device, selector, scratch);
    } catch (Throwable t) {
      throw rethrow(fn, t);
    }
  }

  /** {@code nvmlDeviceGetUUID} or {@code nvmlDeviceGetName}: the string, or null on failure. */
  @Nullable String deviceString(Fn fn, MemorySegment device) {
    MethodHandle h = handles.get(fn);
    if (h == null) {
      return null;
    }
    scratch.fill((byte) 0);
    try {
      int status = (int) h.invokeExact(device, scratch, STRING_BUFFER);
      return status == SUCCESS ? scratch.getString(0) : null;
    } catch (Throwable t) {
      throw rethrow(fn, t);
    }
  }

  /** {@code nvmlDeviceGetCount_v2}; the count is the scratch's first int. */
  int deviceCount() {
    MethodHandle h = handles.get(Fn.DEVICE_COUNT);
    if (h == null) {
      return FUNCTION_NOT_FOUND;
    }
    try {
      return (int) h.invokeExact(scratch);
    } catch (Throwable t) {
      throw rethrow(Fn.DEVICE_COUNT, t);
    }
  }

  /** {@code nvmlDeviceGetHandleByIndex_v2}; the handle is the scratch's first address. */
  int handleByIndex(int index) {
    MethodHandle h = handles.get(Fn.HANDLE_BY_INDEX);
    if (h == null) {
      return FUNCTION_NOT_FOUND;
    }
    try {
      return (int) h.invokeExact(index, scratch);
    } catch (Throwable t) {
      throw rethrow(Fn.HANDLE_BY_INDEX, t);
    }
  }

  /** {@code nvmlEventSetCreate}; the set is the scratch's first address. */
  int eventSetCreate() {
    MethodHandle h = handles.get(Fn.EVENT_SET_CREATE);
    if (h == null) {
      return FUNCTION_NOT_FOUND;
    }
    try {
      return (int) h.invokeExact(scratch);
    } catch (Throwable t) {
      throw rethrow(Fn.EVENT_SET_CREATE, t);
    }
  }

  /** {@code nvmlEventSetFree}. */
  int eventSetFree(MemorySegment set) {
    MethodHandle h = handles.get(Fn.EVENT_SET_FREE);
    if (h == null) {
      return FUNCTION_NOT_FOUND;
    }
    try {
      return (int) h.invokeExact(set);
    } catch (Throwable t) {
      throw rethrow(Fn.EVENT_SET_FREE, t);
    }
  }

  /** {@code nvmlDeviceRegisterEvents}. */
  int registerEvents(MemorySegment device, long eventTypes, MemorySegment set) {
    MethodHandle h = handles.get(Fn.REGISTER_EVENTS);
    if (h == null) {
      return FUNCTION_NOT_FOUND;
    }
    try {
      return (int) h.invokeExact(device, eventTypes, set);
    } catch (Throwable t) {
      throw rethrow(Fn.REGISTER_EVENTS, t);
    }
  }

  /**
   * {@code nvmlEventSetWait_v2}; on success the scratch holds nvmlEventData_t: device handle at 0,
   * eventType at 8, eventData (the XID) at 16.
   */
  int eventWait(MemorySegment set, int timeoutMillis) {
    MethodHandle h = handles.get(Fn.EVENT_WAIT);
    if (h == null) {
      return FUNCTION_NOT_FOUND;
    }
    scratch.fill((byte) 0);
    try {
      return (int) h.invokeExact(set, scratch, timeoutMillis);
    } catch (Throwable t) {
      throw rethrow(Fn.EVENT_WAIT, t);
    }
  }

  /**
   * The pids of the compute processes on {@code device}, or null with the status in {@code
   * status[0]} when NVML refuses.
   */
  long @Nullable [] computeProcesses(MemorySegment device, int[] status) {
    MethodHandle h = handles.get(Fn.COMPUTE_PROCESSES);
    if (h == null) {
      status[0] = FUNCTION_NOT_FOUND;
      return null;
    }
    int capacity = 16;
    // Processes can start between the two calls: retry a few times with the size NVML asks for.
    for (int attempt = 0; attempt < 4; attempt++) {
      try (Arena call = Arena.ofConfined()) {
        MemorySegment count = call.allocate(JAVA_INT);
        count.set(JAVA_INT, 0, capacity);
        MemorySegment infos = call.allocate((long) capacity * PROCESS_INFO_BYTES, 8);
        int st = (int) h.invokeExact(device, count, infos);
        int n = count.get(JAVA_INT, 0);
        if (st == INSUFFICIENT_SIZE) {
          capacity = Math.max(capacity * 2, n + 4);
          continue;
        }
        status[0] = st;
        if (st != SUCCESS) {
          return null;
        }
        long[] pids = new long[Math.min(n, capacity)];
        for (int i = 0; i < pids.length; i++) {
          pids[i] = Integer.toUnsignedLong(infos.get(JAVA_INT, (long) i * PROCESS_INFO_BYTES));
        }
        return pids;
      } catch (Throwable t) {
        throw rethrow(Fn.COMPUTE_PROCESSES, t);
      }
    }
    status[0] = INSUFFICIENT_SIZE;
    return null;
  }

  /** {@code nvmlErrorString}, or a generic text when the library lacks it. */
  String errorString(int status) {
    MethodHandle h = handles.get(Fn.ERROR_STRING);
    if (h == null) {
      return "NVML error " + status;
    }
    try {
      MemorySegment text = (MemorySegment) h.invokeExact(status);
      if (text.equals(MemorySegment.NULL)) {
        return "NVML error " + status;
      }
      return text.reinterpret(1024).getString(0);
    } catch (Throwable t) {
      throw rethrow(Fn.ERROR_STRING, t);
    }
  }

  /** Unloads the library and frees the scratch memory; call after {@code nvmlShutdown}. */
  void unload() {
    arena.close();
  }

  private static RuntimeException rethrow(Fn fn, Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException("BUG: calling " + fn.symbol + " failed", t);
  }
}
