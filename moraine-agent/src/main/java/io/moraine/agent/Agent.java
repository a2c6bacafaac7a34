package io.moraine.agent;

import io.moraine.agent.cgroup.CgroupContainers;
import io.moraine.agent.cgroup.ContainerCollector;
import io.moraine.agent.cgroup.ContainerUsageSource;
import io.moraine.agent.cgroup.KubeletPods;
import io.moraine.agent.cgroup.PodDirectory;
import io.moraine.agent.cgroup.ProcessContainers;
import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.CollectorSet;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricWriter;
import io.moraine.agent.energy.EnergyCollector;
import io.moraine.agent.fs.FilesystemCollector;
import io.moraine.agent.fs.FilesystemOptions;
import io.moraine.agent.gpu.GpuCollector;
import io.moraine.agent.gpu.GpuOptions;
import io.moraine.agent.http.AgentHttpServer;
import io.moraine.agent.http.WarmUp;
import io.moraine.agent.logtail.LogCounters;
import io.moraine.agent.logtail.LogShipper;
import io.moraine.agent.logtail.LogShipperOptions;
import io.moraine.agent.procfs.ConntrackCollector;
import io.moraine.agent.procfs.CpuCollector;
import io.moraine.agent.procfs.EntropyCollector;
import io.moraine.agent.procfs.FilefdCollector;
import io.moraine.agent.procfs.LoadavgCollector;
import io.moraine.agent.procfs.MeminfoCollector;
import io.moraine.agent.procfs.NetstatCollector;
import io.moraine.agent.procfs.OsCollector;
import io.moraine.agent.procfs.PressureCollector;
import io.moraine.agent.procfs.SockstatCollector;
import io.moraine.agent.procfs.SoftnetCollector;
import io.moraine.agent.procfs.StatCollector;
import io.moraine.agent.procfs.TimeCollector;
import io.moraine.agent.procfs.UnameCollector;
import io.moraine.agent.procfs.VmstatCollector;
import io.moraine.agent.self.ProcessCollector;
import io.moraine.agent.sysfs.DiskstatsCollector;
import io.moraine.agent.sysfs.DiskstatsOptions;
import io.moraine.agent.sysfs.HwmonCollector;
import io.moraine.agent.sysfs.NetclassCollector;
import io.moraine.agent.sysfs.NetdevCollector;
import io.moraine.agent.sysfs.NetdevOptions;
import io.moraine.core.time.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: the enabled collectors behind {@code /metrics}, and the log shipper when a push
 * URL is set. Closing stops the HTTP server, the shipper and the collectors holding native
 * resources (NVML).
 */
public final class Agent implements AutoCloseable {
  /** The warm-up stops after this long whatever the rounds (a slow edge node, a huge page). */
  private static final long WARMUP_MAX_MILLIS = 20_000;

  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final CollectorSet collectors;
  private final AgentHttpServer http;
  private final List<AutoCloseable> closeables;

  private Agent(CollectorSet collectors, AgentHttpServer http, List<AutoCloseable> closeables) {
    this.collectors = collectors;
    this.http = http;
    this.closeables = closeables;
  }

  /**
   * Builds the collectors, starts the log shipper when configured, and starts serving.
   *
   * @throws IOException when the listen address cannot be bound
   * @throws IllegalArgumentException when an option is unusable (unknown power model, bad CA file)
   */
  public static Agent start(AgentOptions options) throws IOException {
    List<AutoCloseable> closeables = new ArrayList<>();
    try {
      Shared shared = Shared.of(options);
      List<Collector> list = new ArrayList<>();
      for (Catalog.Entry e : Catalog.entries()) {
        if (!options.enabled(e.name())) {
          continue;
        }
        Collector c = build(e.name(), options, shared, closeables);
        if (c != null) {
          list.add(c);
          if (c instanceof AutoCloseable a) {
            closeables.add(a);
          }
        }
      }
      CollectorSet set = new CollectorSet(list, Clock.SYSTEM::nanoTime);
      AgentHttpServer http = AgentHttpServer.start(options.listen(), set::collect);
      long t0 = System.nanoTime();
      int warm =
          WarmUp.run(options.listen(), http.port(), options.warmupRounds(), WARMUP_MAX_MILLIS);
      if (warm > 0) {
        // the warm-up's garbage grew the heap; one full collection gives it back (the launcher's
        // serial collector shrinks to MaxHeapFreeRatio), so the resident size starts small
        System.gc();
      }
      LOG.atInfo()
          .addKeyValue("warmup_rounds", warm)
          .addKeyValue("warmup_ms", (System.nanoTime() - t0) / 1_000_000)
          .addKeyValue("listen", options.listen())
          .addKeyValue("collectors", String.join(",", set.names()))
          .addKeyValue("logs", options.logs() == null ? "off" : options.logs().pushUrl())
          .log("agent started");
      return new Agent(set, http, closeables);
    } catch (IOException | RuntimeException e) {
      closeAll(closeables);
      throw e;
    }
  }

  private static @Nullable Collector build(
      String name, AgentOptions o, Shared shared, List<AutoCloseable> closeables)
      throws IOException {
    HostPaths p = o.paths();
    return switch (name) {
      case "conntrack" -> new ConntrackCollector(p);
      case "cpu" -> new CpuCollector(p);
      case "diskstats" -> new DiskstatsCollector(p, DiskstatsOptions.DEFAULT);
      case "entropy" -> new EntropyCollector(p);
      case "filefd" -> new FilefdCollector(p);
      case "filesystem" -> new FilesystemCollector(p, FilesystemOptions.DEFAULT);
      case "hwmon" -> new HwmonCollector(p);
      case "loadavg" -> new LoadavgCollector(p);
      case "meminfo" -> new MeminfoCollector(p);
      case "netclass" -> new NetclassCollector(p);
      case "netdev" -> new NetdevCollector(p, NetdevOptions.DEFAULT);
      case "netstat" -> new NetstatCollector(p);
      case "os" -> new OsCollector(p);
      case "pressure" -> new PressureCollector(p);
      case "sockstat" -> new SockstatCollector(p);
      case "softnet" -> new SoftnetCollector(p);
      case "stat" -> new StatCollector(p);
      case "time" -> new TimeCollector(p, InstantSource.system(), ZoneId.systemDefault());
      case "uname" -> new UnameCollector(p);
      case "vmstat" -> new VmstatCollector(p);
      case "container" -> shared.containerCollector();
      case "energy" ->
          new EnergyCollector(p, o.powerModel(), o.nodeName(), shared.usage(), Clock.SYSTEM);
      case "gpu" ->
          new GpuCollector(new GpuOptions(o.nvmlLibrary(), p, o.nodeName()), shared.processes());
      case "logs" -> logs(o, closeables);
      case "process" -> new ProcessCollector(Path.of("/proc/self"), p.proc("stat"));
      default ->
          throw new IllegalStateException(
              "BUG: collector " + name + " in the catalog but not built");
    };
  }

  private static @Nullable Collector logs(AgentOptions o, List<AutoCloseable> closeables)
      throws IOException {
    AgentOptions.Logs logs = o.logs();
    if (logs == null) {
      return null;
    }
    LogCounters counters = new LogCounters();
    LogShipper shipper =
        new LogShipper(
            LogShipperOptions.defaults(
                o.paths().root("/var/log/pods"),
                logs.dataDir(),
                logs.pushUrl(),
                o.nodeName(),
                logs.tenant().isEmpty() ? null : logs.tenant()),
            counters);
    shipper.start();
    closeables.add(shipper);
    return counters;
  }

  /** A collector that could not be set up: fails every scrape with the reason. */
  private record Unavailable(String name, @Nullable String reason) implements Collector {
    @Override
    public void collect(MetricWriter out) throws IOException {
      throw new IOException(reason == null ? "unavailable" : reason);
    }
  }

  /**
   * What several collectors share: the cgroup view (the container collector hands its reading to
   * the energy collector through it; GPU processes are mapped by it), or why there is none.
   */
  private record Shared(@Nullable CgroupContainers cgroups, @Nullable String noCgroups) {
    static Shared of(AgentOptions o) {
      PodDirectory pods = PodDirectory.EMPTY;
      AgentOptions.Kubernetes k = o.kubernetes();
      if (k != null) {
        KubeletPods.Options d = KubeletPods.Options.of(k.podsUrl());
        try {
          pods =
              new KubeletPods(
                  new KubeletPods.Options(
                      k.podsUrl(),
                      k.tokenFile(),
                      k.caFile(),
                      k.insecure(),
                      d.refresh(),
                      d.minRefresh(),
                      d.timeout()),
                  Clock.SYSTEM);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "cannot set up the pods URL " + k.podsUrl() + ": " + e.getMessage(), e);
        }
      }
      try {
        return new Shared(new CgroupContainers(o.paths(), pods, Clock.SYSTEM), null);
      } catch (IOException e) {
        LOG.atInfo()
            .addKeyValue("reason", e.getMessage())
            .log("no cgroup hierarchy: energy is not split by container, GPUs carry no pod labels");
        return new Shared(null, e.getMessage());
      }
    }

    /** Without a cgroup hierarchy the collector reports success 0 with the reason. */
    Collector containerCollector() {
      CgroupContainers c = cgroups;
      return c == null
          ? new Unavailable("container", noCgroups)
          : new ContainerCollector(c, Clock.SYSTEM);
    }

    ContainerUsageSource usage() {
      CgroupContainers c = cgroups;
      return c == null ? List::of : c;
    }

    ProcessContainers processes() {
      CgroupContainers c = cgroups;
      return c == null ? pid -> Optional.empty() : c;
    }
  }

  /** The bound HTTP port. */
  public int port() {
    return http.port();
  }

  /** The enabled collectors' names, in the order they run. */
  public List<String> collectors() {
    return collectors.names();
  }

  @Override
  public void close() {
    http.close();
    closeAll(closeables);
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (AutoCloseable c : closeables.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.atWarn().addKeyValue("err", e.toString()).log("closing a collector failed");
      }
    }
  }
}
