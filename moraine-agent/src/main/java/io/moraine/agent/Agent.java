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
import io.moraine.agent.energy.EnergyCollector;
import io.moraine.agent.energy.PowerModel;
import io.moraine.agent.fs.FilesystemCollector;
import io.moraine.agent.fs.FilesystemOptions;
import io.moraine.agent.gpu.GpuCollector;
import io.moraine.agent.gpu.GpuOptions;
import io.moraine.agent.http.AgentHttpServer;
import io.moraine.agent.self.ProcessCollector;
import io.moraine.agent.sysfs.DiskstatsCollector;
import io.moraine.agent.sysfs.DiskstatsOptions;
import io.moraine.agent.sysfs.HwmonCollector;
import io.moraine.agent.sysfs.NetdevCollector;
import io.moraine.agent.sysfs.NetdevOptions;
import io.moraine.core.time.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: the enabled collectors behind {@code /metrics}, and the log shipper when a push
 * URL is set. Closing stops the HTTP server, the shipper and the collectors holding native
 * resources.
 */
public final class Agent implements AutoCloseable {
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
   * Builds the collectors and starts serving.
   *
   * @throws IOException when the listen address cannot be bound
   * @throws IllegalArgumentException when an option is unusable (unknown power model, bad CA file)
   */
  public static Agent start(AgentOptions options) throws IOException {
    List<AutoCloseable> closeables = new ArrayList<>();
    List<Collector> list = new ArrayList<>();
    Shared shared;
    try {
      shared = Shared.of(options);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot set up the pods URL: " + e.getMessage(), e);
    }
    for (Catalog.Entry e : Catalog.entries()) {
      if (options.enabled(e.name())) {
        Collector c = build(e.name(), options, shared);
        list.add(c);
        if (c instanceof AutoCloseable a) {
          closeables.add(a);
        }
      }
    }
    CollectorSet set = new CollectorSet(list, Clock.SYSTEM::nanoTime);
    AgentHttpServer http = AgentHttpServer.start(options.listen(), set::collect);
    LOG.atInfo()
        .addKeyValue("listen", options.listen())
        .addKeyValue("collectors", String.join(",", set.names()))
        .log("agent started");
    return new Agent(set, http, closeables);
  }

  private static Collector build(String name, AgentOptions o, Shared shared) {
    HostPaths p = o.paths();
    return switch (name) {
      case "diskstats" -> new DiskstatsCollector(p, DiskstatsOptions.DEFAULT);
      case "filesystem" -> new FilesystemCollector(p, FilesystemOptions.DEFAULT);
      case "hwmon" -> new HwmonCollector(p);
      case "container" -> new ContainerCollector(p, shared.pods(), Clock.SYSTEM);
      case "netdev" -> new NetdevCollector(p, NetdevOptions.DEFAULT);
      case "energy" ->
          new EnergyCollector(
              p, PowerModel.preset(o.energyModel()), o.nodeName(), shared.usage(), Clock.SYSTEM);
      case "gpu" ->
          new GpuCollector(new GpuOptions(o.nvmlLibrary(), p, o.nodeName()), shared.processes());
      case "process" -> new ProcessCollector(Path.of("/proc/self"), p.proc("stat"));
      default ->
          throw new IllegalStateException(
              "BUG: collector " + name + " in the catalog but not built");
    };
  }

  /** What several collectors share: the container views. */
  private record Shared(
      PodDirectory pods, ContainerUsageSource usage, ProcessContainers processes) {
    static Shared of(AgentOptions o) throws IOException {
      PodDirectory pods = PodDirectory.EMPTY;
      AgentOptions.Kubernetes k = o.kubernetes();
      if (k != null) {
        KubeletPods.Options d = KubeletPods.Options.of(k.podsUrl());
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
      }
      CgroupContainers containers = new CgroupContainers(o.paths(), pods);
      return new Shared(pods, containers, containers);
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
    for (AutoCloseable c : closeables.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.atWarn().addKeyValue("err", e.toString()).log("closing a collector failed");
      }
    }
  }
}
