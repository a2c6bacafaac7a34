package io.moraine.agent.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * XID critical errors through NVML's event API: one event set with every GPU that supports it
 * registered, drained without waiting at each scrape. Keeps the last XID per GPU, which is what
 * dcgm-exporter's {@code DCGM_FI_DEV_XID_ERRORS} reports (0 until one occurs). Not thread-safe.
 */
final class XidEvents {
  /** Events drained per scrape at most, so a storm of XIDs cannot hold a scrape up. */
  private static final int MAX_EVENTS_PER_DRAIN = 256;

  private final Nvml nvml;
  private final List<GpuDevice> devices;
  private final MemorySegment set;
  private final boolean[] registered;
  private final long[] lastXid;

  private XidEvents(Nvml nvml, List<GpuDevice> devices, MemorySegment set, boolean[] registered) {
    this.nvml = nvml;
    this.devices = devices;
    this.set = set;
    this.registered = registered;
    this.lastXid = new long[devices.size()];
  }

  /**
   * Creates the event set and registers each device for XID events, or returns the failing status
   * as a {@link Result.Failed} (no set, or no device accepting the registration).
   */
  static Result open(Nvml nvml, List<GpuDevice> devices) {
    if (!nvml.has(Nvml.Fn.EVENT_WAIT) || !nvml.has(Nvml.Fn.REGISTER_EVENTS)) {
      return new Result.Failed(Nvml.FUNCTION_NOT_FOUND);
    }
    int st = nvml.eventSetCreate();
    if (st != Nvml.SUCCESS) {
      return new Result.Failed(st);
    }
    MemorySegment set = nvml.scratch().get(ADDRESS, 0);
    boolean[] registered = new boolean[devices.size()];
    int lastFailure = Nvml.NOT_SUPPORTED;
    boolean any = false;
    for (int i = 0; i < registered.length; i++) {
      int r = nvml.registerEvents(devices.get(i).handle(), Nvml.EVENT_XID_CRITICAL, set);
      registered[i] = r == Nvml.SUCCESS;
      any |= registered[i];
      if (r != Nvml.SUCCESS) {
        lastFailure = r;
      }
    }
    if (!any) {
      nvml.eventSetFree(set);
      return new Result.Failed(lastFailure);
    }
    return new Result.Opened(new XidEvents(nvml, devices, set, registered));
  }

  /** What {@link #open} gave. */
  sealed interface Result {
    record Opened(XidEvents events) implements Result {}

    record Failed(int status) implements Result {}
  }

  /**
   * Takes the pending events without waiting; returns {@link Nvml#SUCCESS} or the status that
   * stopped the drain other than the normal timeout.
   */
  int drain() {
    for (int n = 0; n < MAX_EVENTS_PER_DRAIN; n++) {
      int st = nvml.eventWait(set, 0);
      if (st == Nvml.TIMEOUT) {
        return Nvml.SUCCESS;
      }
      if (st != Nvml.SUCCESS) {
        return st;
      }
      MemorySegment data = nvml.scratch();
      long device = data.get(ADDRESS, 0).address();
      long type = data.get(JAVA_LONG, 8);
      if ((type & Nvml.EVENT_XID_CRITICAL) == 0) {
        continue;
      }
      for (int i = 0; i < devices.size(); i++) {
        if (devices.get(i).handle().address() == device) {
          lastXid[i] = data.get(JAVA_LONG, 16);
        }
      }
    }
    return Nvml.SUCCESS;
  }

  /** Whether GPU {@code i} (position in the device list) reports XIDs. */
  boolean registered(int i) {
    return registered[i];
  }

  /** The last XID of GPU {@code i}, or 0. */
  long lastXid(int i) {
    return lastXid[i];
  }

  /** Frees the event set; call before {@code nvmlShutdown}. */
  void close() {
    nvml.eventSetFree(set);
  }
}
