package io.moraine.bench;

import io.moraine.testkit.data.SeriesGenerator;
import io.moraine.testkit.data.ValueKind;
import io.moraine.tsdb.chunk.DenseEncoder;
import io.moraine.tsdb.chunk.XorAppender;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bytes per sample of XOR and DENSE chunks on the benchmark's realistic series mix, per value kind
 * and in total. Run: {@code java -cp moraine-bench/target/benchmarks.jar
 * io.moraine.bench.ChunkSizeReport [samplesPerChunk...] [--targets K] [--jitter MS]}.
 */
public final class ChunkSizeReport {
  private ChunkSizeReport() {}

  /** The samples of one series; the arrays are shared, not copied. */
  public record Series(ValueKind kind, long[] timestamps, double[] values) {}

  /**
   * {@code points} samples of every series of {@code targets} targets of 2,000 series (seed 42, 10
   * s scrapes), each target's scrape times moved by up to ±{@code jitterMillis}.
   */
  public static List<Series> generate(int targets, int points, int jitterMillis) {
    SeriesGenerator gen = new SeriesGenerator(42);
    gen.series(targets, 2000);
    long[][] times = new long[targets][];
    for (int t = 0; t < targets; t++) {
      times[t] = gen.timestampsMillis(t, points, jitterMillis);
    }
    List<Series> out = new ArrayList<>(gen.size());
    for (int i = 0; i < gen.size(); i++) {
      out.add(new Series(gen.kind(i), times[gen.target(i)], gen.values(i, points)));
    }
    return out;
  }

  /** Chunk bytes summed per kind. */
  public record Sizes(
      Map<ValueKind, long[]> perKind, long samples, long xorBytes, long denseBytes) {
    public double xorPerSample() {
      return (double) xorBytes / samples;
    }

    public double densePerSample() {
      return (double) denseBytes / samples;
    }
  }

  /** Cuts every series into chunks of {@code perChunk} samples and encodes each both ways. */
  public static Sizes measure(List<Series> series, int perChunk) {
    Map<ValueKind, long[]> perKind = new EnumMap<>(ValueKind.class);
    DenseEncoder dense = new DenseEncoder();
    XorAppender xor = new XorAppender();
    long samples = 0;
    long xorBytes = 0;
    long denseBytes = 0;
    long[] ts = new long[perChunk];
    double[] vs = new double[perChunk];
    for (Series s : series) {
      long[] acc = perKind.computeIfAbsent(s.kind(), k -> new long[4]);
      int points = s.timestamps().length;
      for (int from = 0; from < points; from += perChunk) {
        int n = Math.min(perChunk, points - from);
        System.arraycopy(s.timestamps(), from, ts, 0, n);
        System.arraycopy(s.values(), from, vs, 0, n);
        xor.reset();
        for (int i = 0; i < n; i++) {
          xor.append(ts[i], vs[i]);
        }
        int d = dense.encode(ts, vs, n);
        acc[0] += n;
        acc[1] += xor.length();
        acc[2] += d;
        acc[3]++;
        samples += n;
        xorBytes += xor.length();
        denseBytes += d;
      }
    }
    return new Sizes(perKind, samples, xorBytes, denseBytes);
  }

  public static void main(String[] args) {
    int targets = 5;
    int jitter = 0;
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--targets" -> targets = Integer.parseInt(args[++i]);
        case "--jitter" -> jitter = Integer.parseInt(args[++i]);
        default -> sizes.add(Integer.parseInt(args[i]));
      }
    }
    if (sizes.isEmpty()) {
      sizes = List.of(120, 720);
    }
    int max = sizes.stream().mapToInt(Integer::intValue).max().orElse(120);
    List<Series> series = generate(targets, max, jitter);
    PrintStream out = System.out;
    out.printf(
        Locale.ROOT,
        "%d targets x %d series, %d ms jitter%n",
        targets,
        series.size() / targets,
        jitter);
    for (int perChunk : sizes) {
      Sizes r = measure(series, perChunk);
      out.printf(Locale.ROOT, "%n== %d samples per chunk ==%n", perChunk);
      out.printf(Locale.ROOT, "%-20s %8s %9s %9s%n", "kind", "share", "XOR B/s", "DENSE B/s");
      for (var e : r.perKind().entrySet()) {
        long[] a = e.getValue();
        out.printf(
            Locale.ROOT,
            "%-20s %7.1f%% %9.3f %9.3f%n",
            e.getKey().name().toLowerCase(Locale.ROOT),
            100.0 * a[0] / r.samples(),
            (double) a[1] / a[0],
            (double) a[2] / a[0]);
      }
      out.printf(
          Locale.ROOT,
          "%-20s %8s %9.3f %9.3f%n",
          "TOTAL",
          "100.0%",
          r.xorPerSample(),
          r.densePerSample());
    }
  }
}
