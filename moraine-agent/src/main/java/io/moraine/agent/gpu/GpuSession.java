package io.moraine.agent.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An initialised NVML with its GPUs: from a successful {@code nvmlInit_v2} to {@code nvmlShutdown}.
 * Not thread-safe.
 */
final class GpuSession {
  final Nvml nvml;
  final List<GpuDevice> devices;
  final @Nullable XidEvents xid;
  final int xidStatus;

  private GpuSession(Nvml nvml, List<GpuDevice> devices, XidEvents.Result xid) {
    this.nvml = nvml;
    this.devices = devices;
    this.xid = xid instanceof XidEvents.Result.Opened o ? o.events() : null;
    this.xidStatus = xid instanceof XidEvents.Result.Failed f ? f.status() : Nvml.SUCCESS;
  }

  /** Why NVML cannot be used: a sentence for the one log line. */
  static final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message) {
      super(message);
    }
  }

  /**
   * Initialises NVML and reads each GPU's identity. On failure NVML is shut down and the library
   * unloaded before the exception is thrown.
   */
  static GpuSession open(Nvml nvml) throws UnavailableException {
    int st = nvml.call(Nvml.Fn.INIT);
    if (st != Nvml.SUCCESS) {
      String why = nvml.errorString(st);
      nvml.unload();
      throw new UnavailableException("nvmlInit_v2 failed: " + why + " (" + st + ")");
    }
    try {
      List<GpuDevice> devices = devices(nvml);
      if (devices.isEmpty()) {
        throw new UnavailableException("NVML reports no GPU");
      }
      return new GpuSession(nvml, devices, XidEvents.open(nvml, devices));
    } catch (UnavailableException | RuntimeException e) {
      nvml.call(Nvml.Fn.SHUTDOWN);
      nvml.unload();
      throw e;
    }
  }

  private static List<GpuDevice> devices(Nvml nvml) throws UnavailableException {
    int st = nvml.deviceCount();
    if (st != Nvml.SUCCESS) {
      throw new UnavailableException(
          "nvmlDeviceGetCount_v2 failed: " + nvml.errorString(st) + " (" + st + ")");
    }
    int count = nvml.scratch().get(JAVA_INT, 0);
    List<GpuDevice> devices = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      st = nvml.handleByIndex(i);
      if (st != Nvml.SUCCESS) {
        // A GPU in a bad state (lost, no permission) must not hide the others.
        continue;
      }
      MemorySegment handle = nvml.scratch().get(ADDRESS, 0);
      devices.add(
          new GpuDevice(
              i,
              handle,
              orEmpty(nvml.deviceString(Nvml.Fn.UUID, handle)),
              orEmpty(nvml.deviceString(Nvml.Fn.NAME, handle)),
              deviceFile(nvml, handle),
              pciBusId(nvml, handle)));
    }
    return List.copyOf(devices);
  }

  private static String deviceFile(Nvml nvml, MemorySegment handle) {
    if (nvml.deviceOut(Nvml.Fn.MINOR_NUMBER, handle) != Nvml.SUCCESS) {
      return "";
    }
    return "nvidia" + Integer.toUnsignedString(nvml.scratch().get(JAVA_INT, 0));
  }

  /** nvmlPciInfo_t: busIdLegacy[16], five unsigned ints, then busId[32] at offset 36. */
  private static String pciBusId(Nvml nvml, MemorySegment handle) {
    if (nvml.deviceOut(Nvml.Fn.PCI_INFO, handle) != Nvml.SUCCESS) {
      return "";
    }
    return nvml.scratch().getString(36);
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  /** Frees the event set, shuts NVML down and unloads the library. */
  void close() {
    try {
      if (xid != null) {
        xid.close();
      }
      nvml.call(Nvml.Fn.SHUTDOWN);
    } finally {
      nvml.unload();
    }
  }
}
