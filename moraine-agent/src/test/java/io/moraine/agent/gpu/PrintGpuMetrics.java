package io.moraine.agent.gpu;

import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Prints the collector's output on this host, twice a second apart, for checking against
 * dcgm-exporter on a real GPU. Argument: an optional NVML library path.
 */
final class PrintGpuMetrics {
  private PrintGpuMetrics() {}

  @SuppressWarnings("SystemOut") // a manual tool in test code
  public static void main(String[] args) throws Exception {
    Path library = args.length > 0 ? Path.of(args[0]) : null;
    GpuOptions options = new GpuOptions(library, HostPaths.DEFAULT, "print-host");
    try (GpuCollector c = new GpuCollector(options, pid -> Optional.empty())) {
      for (int i = 0; i < 2; i++) {
        Recorded out = new Recorded();
        long start = System.nanoTime();
        c.collect(out);
        long micros = (System.nanoTime() - start) / 1000;
        System.out.print(out.text());
        System.out.println("# active=" + c.active() + " collect_us=" + micros);
        Thread.sleep(1000);
      }
    }
  }
}
