package io.moraine.agent.gpu;

import io.moraine.agent.cgroup.ContainerRef;
import io.moraine.agent.cgroup.ProcessContainers;
import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code gpu} collector: NVIDIA GPUs through NVML, as dcgm-exporter's default families ({@code
 * DCGM_FI_DEV_GPU_UTIL}, {@code _MEM_COPY_UTIL}, {@code _FB_USED}, {@code _FB_FREE}, {@code
 * _POWER_USAGE}, {@code _TOTAL_ENERGY_CONSUMPTION}, {@code _GPU_TEMP}, {@code _SM_CLOCK}, {@code
 * _XID_ERRORS}) with its labels {@code gpu}, {@code UUID}, {@code pci_bus_id}, {@code device},
 * {@code modelName}, {@code Hostname}, and {@code namespace}/{@code pod}/{@code container} of the
 * pod whose compute process runs on the GPU.
 *
 * <p>NVML is loaded and initialised at the first {@link #collect}, once: without the library, a
 * GPU, or a working driver the collector logs one info line and writes nothing from then on (it is
 * then not a failure). A function the driver lacks drops its family; a field a GPU does not support
 * drops that series. {@link #close} shuts NVML down and unloads the library.
 *
 * <p>Thread-safe: {@link #collect} and {@link #close} are serialised.
 */
public final class GpuCollector implements Collector, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GpuCollector.class);

  static final String XID_ERRORS = "DCGM_FI_DEV_XID_ERRORS";
  private static final String XID_HELP = "Value of the last XID error encountered.";
  private static final GpuField[] FIELDS = GpuField.values();

  private final GpuOptions options;
  private final ProcessContainers containers;
  private final Set<String> loggedOnce = new HashSet<>();
  private final int[] status = new int[1];
  private @Nullable GpuSession session;
  private boolean started;
  private boolean closed;

  /**
   * @param options where the NVML library is and the {@code Hostname} label
   * @param containers maps a GPU process's pid to its container, for the pod labels; called once
   *     per GPU process per scrape
   */
  public GpuCollector(GpuOptions options, ProcessContainers containers) {
    this.options = Objects.requireNonNull(options, "options");
    this.containers = Objects.requireNonNull(containers, "containers");
  }

  @Override
  public String name() {
    return "gpu";
  }

  @Override
  public synchronized void collect(MetricWriter out) throws IOException {
    GpuSession s = session();
    if (s == null) {
      return;
    }
    List<GpuDevice> devices = s.devices;
    DeviceLabels[] labels = new DeviceLabels[devices.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = DeviceLabels.of(devices.get(i), options.hostname(), podOf(s, devices.get(i)));
    }
    for (int from = 0; from < FIELDS.length; ) {
      int to = from + 1;
      while (to < FIELDS.length && FIELDS[to].sameCall(FIELDS[from])) {
        to++;
      }
      writeFields(s, from, to, labels, out);
      from = to;
    }
    writeXid(s, labels, out);
  }

  /** Whether NVML is initialised with at least one GPU (after the first {@link #collect}). */
  public synchronized boolean active() {
    return session != null;
  }

  /** Shuts NVML down and unloads the library; later collects write nothing. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    GpuSession s = session;
    session = null;
    if (s != null) {
      s.close();
    }
  }

  private @Nullable GpuSession session() {
    if (started || closed) {
      return session;
    }
    started = true;
    try {
      session = GpuSession.open(NvmlLoader.load(options.library(), options.paths()));
      LOG.atInfo()
          .addKeyValue("gpus", session.devices.size())
          .log("NVML initialised; GPU metrics enabled");
    } catch (NvmlLoader.NotFoundException e) {
      LOG.atInfo()
          .addKeyValue("tried", e.getMessage())
          .log("no NVML library; GPU metrics disabled");
    } catch (GpuSession.UnavailableException e) {
      LOG.atInfo().addKeyValue("reason", e.getMessage()).log("NVML unusable; GPU metrics disabled");
    }
    return session;
  }

  /**
   * Writes the families {@code FIELDS[from..to)}, which share one NVML call: it is made once per
   * device, and each family takes its value from the same result.
   */
  private void writeFields(GpuSession s, int from, int to, DeviceLabels[] labels, MetricWriter out)
      throws IOException {
    GpuField first = FIELDS[from];
    if (!s.nvml.has(first.fn)) {
      once(
          first.fn.symbol,
          () ->
              LOG.atInfo()
                  .addKeyValue("function", first.fn.symbol)
                  .addKeyValue("family", first.metric)
                  .log("NVML lacks the function; family skipped"));
      return;
    }
    boolean[] read = new boolean[labels.length];
    double[][] values = new double[labels.length][to - from];
    for (int i = 0; i < labels.length; i++) {
      int st = first.read(s.nvml, s.devices.get(i).handle());
      read[i] = st == Nvml.SUCCESS;
      if (read[i]) {
        for (int f = from; f < to; f++) {
          values[i][f - from] = FIELDS[f].value(s.nvml);
        }
      } else if (st != Nvml.NOT_SUPPORTED) {
        failedOnce(s, first.fn.symbol, st);
      }
    }
    for (int f = from; f < to; f++) {
      GpuField field = FIELDS[f];
      out.family(field.metric, field.type, field.help);
      for (int i = 0; i < labels.length; i++) {
        if (read[i]) {
          out.sample(labels[i].names(), labels[i].values(), values[i][f - from]);
        }
      }
    }
  }

  private void writeXid(GpuSession s, DeviceLabels[] labels, MetricWriter out) throws IOException {
    XidEvents xid = s.xid;
    if (xid == null) {
      if (s.xidStatus != Nvml.NOT_SUPPORTED) {
        failedOnce(s, "XID events", s.xidStatus);
      }
      return;
    }
    int st = xid.drain();
    if (st != Nvml.SUCCESS) {
      failedOnce(s, Nvml.Fn.EVENT_WAIT.symbol, st);
    }
    out.family(XID_ERRORS, MetricType.GAUGE, XID_HELP);
    for (int i = 0; i < labels.length; i++) {
      if (xid.registered(i)) {
        out.sample(labels[i].names(), labels[i].values(), (double) xid.lastXid(i));
      }
    }
  }

  /** The pod of the GPU's compute process with the lowest pid that is in a pod, or null. */
  private @Nullable ContainerRef podOf(GpuSession s, GpuDevice device) {
    long[] pids = s.nvml.computeProcesses(device.handle(), status);
    if (pids == null) {
      if (status[0] != Nvml.NOT_SUPPORTED) {
        failedOnce(s, Nvml.Fn.COMPUTE_PROCESSES.symbol, status[0]);
      }
      return null;
    }
    Arrays.sort(pids);
    for (long pid : pids) {
      try {
        Optional<ContainerRef> ref = containers.containerOf(pid);
        if (ref.isPresent() && !ref.get().pod().isEmpty()) {
          return ref.get();
        }
      } catch (IOException e) {
        once(
            "containerOf",
            () ->
                LOG.atWarn()
                    .addKeyValue("pid", pid)
                    .addKeyValue("error", e.toString())
                    .log("cannot find the container of a GPU process; its GPU gets no pod labels"));
      }
    }
    return null;
  }

  private void failedOnce(GpuSession s, String what, int st) {
    once(
        what + '/' + st,
        () ->
            LOG.atWarn()
                .addKeyValue("call", what)
                .addKeyValue("status", st)
                .addKeyValue("error", s.nvml.errorString(st))
                .log("NVML call failed; its series are skipped"));
  }

  private void once(String key, Runnable log) {
    if (loggedOnce.add(key)) {
      log.run();
    }
  }
}
