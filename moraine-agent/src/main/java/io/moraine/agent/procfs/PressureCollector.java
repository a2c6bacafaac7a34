package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * node_exporter's {@code pressure} collector: the {@code total} of {@code /proc/pressure/cpu}'s
 * {@code some} line, and of the {@code some} and {@code full} lines of {@code io} and {@code
 * memory}, in seconds (the kernel counts microseconds). As in node_exporter 1.5.0, the {@code full}
 * line of {@code cpu} (kernels from 5.13) is not written.
 *
 * <p>A kernel without PSI (before 4.20, {@code CONFIG_PSI} off, or booted without {@code psi=1}) is
 * not a failure: the families are simply absent, and this is logged once at debug level. Not
 * thread-safe (the agent serialises scrapes).
 */
public final class PressureCollector implements Collector {
  private static final Logger LOG = LoggerFactory.getLogger(PressureCollector.class);

  private static final String[] RESOURCES = {"cpu", "io", "memory"};

  private final Path[] files = new Path[RESOURCES.length];
  private final ProcText text = new ProcText();
  private boolean loggedUnavailable;

  /**
   * @param paths where procfs is mounted; reads {@code <procfs>/pressure/{cpu,io,memory}}
   */
  public PressureCollector(HostPaths paths) {
    Objects.requireNonNull(paths, "paths");
    for (int i = 0; i < RESOURCES.length; i++) {
      files[i] = paths.proc("pressure/" + RESOURCES[i]);
    }
  }

  @Override
  public String name() {
    return "pressure";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    for (int r = 0; r < RESOURCES.length; r++) {
      String resource = RESOURCES[r];
      if (!load(files[r])) {
        return;
      }
      long some = -1;
      long full = -1;
      for (; text.hasLine(); text.nextLine()) {
        if (!text.nextToken()) {
          continue;
        }
        boolean isSome = text.tokenIs("some");
        if (!isSome && !text.tokenIs("full")) {
          continue; // a kind of line this version does not know
        }
        long total = total();
        if (isSome) {
          some = total;
        } else {
          full = total;
        }
      }
      write(out, resource, some, full);
    }
  }

  private boolean load(Path file) throws IOException {
    try {
      text.load(file);
      return true;
    } catch (NoSuchFileException e) {
      unavailable(
          "pressure information is unavailable, you need a Linux kernel >= 4.20 and/or"
              + " CONFIG_PSI enabled for your kernel",
          e);
      return false;
    } catch (IOException e) {
      // reading a PSI file of a kernel booted with psi=0 fails with EOPNOTSUPP
      if (String.valueOf(e.getMessage()).contains("not supported")) {
        unavailable(
            "pressure information is disabled, add psi=1 kernel command line to enable it", e);
        return false;
      }
      throw e;
    }
  }

  private void unavailable(String message, IOException cause) {
    if (!loggedUnavailable) {
      loggedUnavailable = true;
      LOG.atDebug().addKeyValue("error", cause.toString()).log(message);
    }
  }

  /** The {@code total=<us>} field of a {@code some}/{@code full} line. */
  private long total() throws MalformedProcFileException {
    while (text.nextToken()) {
      if (text.tokenStartsWith("total=")) {
        return text.tokenLong("total=".length());
      }
    }
    throw text.fail("no total= field");
  }

  private static void write(MetricWriter out, String resource, long some, long full)
      throws IOException {
    switch (resource) {
      case "cpu" -> {
        counter(
            out,
            "node_pressure_cpu_waiting_seconds_total",
            "Total time in seconds that processes have waited for CPU time",
            some);
      }
      case "io" -> {
        counter(
            out,
            "node_pressure_io_waiting_seconds_total",
            "Total time in seconds that processes have waited due to IO congestion",
            some);
        counter(
            out,
            "node_pressure_io_stalled_seconds_total",
            "Total time in seconds no process could make progress due to IO congestion",
            full);
      }
      default -> {
        counter(
            out,
            "node_pressure_memory_waiting_seconds_total",
            "Total time in seconds that processes have waited for memory",
            some);
        counter(
            out,
            "node_pressure_memory_stalled_seconds_total",
            "Total time in seconds no process could make progress due to memory congestion",
            full);
      }
    }
  }

  private static void counter(MetricWriter out, String name, String help, long micros)
      throws IOException {
    if (micros < 0) {
      return; // the line is missing
    }
    out.family(name, MetricType.COUNTER, help);
    out.sample((double) micros / 1000.0 / 1000.0);
  }
}
