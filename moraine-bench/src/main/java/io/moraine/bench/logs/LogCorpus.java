package io.moraine.bench.logs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a deterministic corpus of realistic container logs: the same options give the same
 * bytes. Streams ({@link Fleet}) log JSON, logfmt, access logs and Java stack traces at rates that
 * follow the day and burst during incidents; each stream's timestamps increase, and entries are
 * written in time order across streams, as a fleet produces them. See {@link CorpusFiles} for the
 * output and {@link CorpusManifest} for what is recorded.
 *
 * <p>{@code java -cp moraine-bench/target/benchmarks.jar io.moraine.bench.logs.LogCorpus DIR
 * [--size BYTES] [--seed N] [--start UNIX_SECONDS] [--span-hours H] [--needles N]}
 */
public final class LogCorpus {
  /**
   * What to generate.
   *
   * @param targetBytes the wanted size of {@code corpus.log}; the result is within a few percent
   * @param startNanos the window's start (Unix nanoseconds)
   * @param spanNanos the window's length
   * @param needleCount how many lines carry the needle trace id
   */
  public record Options(
      long seed, long targetBytes, long startNanos, long spanNanos, int needleCount) {
    public Options {
      if (targetBytes <= 0 || spanNanos <= 0 || needleCount < 0) {
        throw new IllegalArgumentException(
            "targetBytes and spanNanos must be positive and needleCount not negative: " + this);
      }
    }

    /** 2 GiB over 24 h from 2024-05-01T00:00:00Z, seed 42, 17 needles. */
    public static final Options DEFAULT =
        new Options(42, 2L << 30, 1_714_521_600L * 1_000_000_000L, 86_400L * 1_000_000_000L, 17);
  }

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** Share of five-minute windows in which an app has an incident (a burst). */
  private static final double BURST_SHARE = 0.02;

  /** How much more an app logs during a burst. */
  private static final double BURST_FACTOR = 6;

  private static final long BURST_WINDOW_NANOS = 300 * NANOS_PER_SECOND;

  private LogCorpus() {}

  /** Generates the corpus into {@code dir} (created if needed) and writes its manifest. */
  public static CorpusManifest generate(Options options, Path dir) throws IOException {
    long t0 = System.nanoTime();
    long cpu0 = cpuNanos();
    Files.createDirectories(dir);
    CorpusFiles files = new CorpusFiles(dir);
    List<StreamSpec> streams = Fleet.streams(options.seed());
    List<String> labels = new ArrayList<>();
    int filterApp = -1;
    for (StreamSpec s : streams) {
      labels.add(s.labels());
      if (s.app().name().equals(Fleet.FILTER_APP)) {
        filterApp = s.appIndex();
      }
    }
    Files.write(files.streams(), labels, StandardCharsets.UTF_8);
    String needle = needle(options.seed());
    CorpusWriter writer = new CorpusWriter(files, filterApp);
    int needles;
    try (writer) {
      needles = run(options, streams, writer, needle);
    }
    Map<String, Long> kinds = new LinkedHashMap<>();
    writer.kindCounts().forEach((k, v) -> kinds.put(k.name().toLowerCase(Locale.ROOT), v));
    CorpusManifest manifest =
        new CorpusManifest(
            options.seed(),
            writer.lineBytes + writer.lines,
            writer.lineBytes,
            writer.lines,
            streams.size(),
            options.startNanos(),
            options.startNanos() + options.spanNanos(),
            writer.firstNanos,
            writer.lastNanos,
            needle,
            needles,
            Fleet.FILTER_APP,
            writer.filterMatches,
            writer.longLines,
            kinds,
            (System.nanoTime() - t0) / 1e9,
            (cpuNanos() - cpu0) / 1e9);
    Files.writeString(files.manifest(), manifest.toJson());
    return manifest;
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
  }

  /** Writes every event of the window in time order; returns the needles written. */
  private static int run(Options o, List<StreamSpec> streams, CorpusWriter writer, String needle)
      throws IOException {
    SplittableRandom rng = new SplittableRandom(o.seed());
    LineContext c = new LineContext(rng, writer);
    long end = o.startNanos() + o.spanNanos();
    double[] rates = ratesPerNanosecond(o, streams);
    long[] needleTimes = needleTimes(o, rng);
    byte[] needleBytes = LineContext.ascii(needle);
    int nextNeedle = 0;
    TimeHeap heap = new TimeHeap(streams.size());
    for (StreamSpec s : streams) {
      heap.add(
          s.id(), o.startNanos() + (long) (rng.nextDouble() * 1e9 / (rates[s.id()] * 1e9 + 1)));
    }
    while (!heap.isEmpty()) {
      long t = heap.topTime();
      if (t >= end) {
        heap.removeTop();
        continue;
      }
      StreamSpec s = streams.get(heap.topId());
      if (nextNeedle < needleTimes.length
          && t >= needleTimes[nextNeedle]
          && c.pendingNeedle == null) {
        c.pendingNeedle = needleBytes;
        nextNeedle++;
      }
      c.nanos = t;
      c.burst = burst(o.seed(), s.appIndex(), t);
      c.dev = s.namespace().equals("dev");
      c.namespace = s.namespace();
      writer.stream = s.id();
      writer.appIndex = s.appIndex();
      s.app().kind().source.event(c, s.app());
      double rate = rates[s.id()] * diurnal(s, c.nanos) * (c.burst ? BURST_FACTOR : 1);
      long gap = (long) (-Math.log(1 - rng.nextDouble()) / rate);
      heap.replaceTop(c.nanos + Math.max(gap, 1_000));
    }
    return c.needlesWritten();
  }

  /**
   * Events per nanosecond per stream so that the corpus comes out near the target size: the fleet's
   * event rate times each kind's mean event size (measured on a sample) times the span.
   */
  private static double[] ratesPerNanosecond(Options o, List<StreamSpec> streams)
      throws IOException {
    double[] eventBytes = new double[AppKind.values().length];
    for (AppKind kind : AppKind.values()) {
      eventBytes[kind.ordinal()] = meanEventBytes(kind, o.seed());
    }
    double bytesPerEvent = 0;
    for (StreamSpec s : streams) {
      bytesPerEvent += s.share() * eventBytes[s.app().kind().ordinal()];
    }
    double meanFactor = 1 + BURST_SHARE * (BURST_FACTOR - 1);
    double events = o.targetBytes() / bytesPerEvent / meanFactor;
    double[] rates = new double[streams.size()];
    for (StreamSpec s : streams) {
      rates[s.id()] = events * s.share() / o.spanNanos();
    }
    return rates;
  }

  private static double meanEventBytes(AppKind kind, long seed) throws IOException {
    long[] bytes = new long[1];
    LineContext c =
        new LineContext(
            new SplittableRandom(seed + kind.ordinal()),
            (t, k, l, s) -> bytes[0] += l.length() + 1);
    AppProfile app = AppProfile.create("sample", kind, new SplittableRandom(seed));
    int events = 5_000;
    for (int i = 0; i < events; i++) {
      c.nanos = 1_700_000_000L * NANOS_PER_SECOND + i * 1_000_000L;
      c.burst = i % 50 == 0;
      kind.source.event(c, app);
    }
    return (double) bytes[0] / events;
  }

  /** Busier in the afternoon (UTC), quieter at night; the mean over a day is 1. */
  private static double diurnal(StreamSpec s, long nanos) {
    double day =
        (double) Math.floorMod(nanos, 86_400L * NANOS_PER_SECOND) / (86_400L * NANOS_PER_SECOND);
    double amplitude = s.namespace().equals("prod") ? 0.6 : 0.3;
    return 1 + amplitude * Math.sin(2 * Math.PI * (day - 8.0 / 24));
  }

  /** Whether the app has an incident in the five-minute window of {@code nanos}. */
  private static boolean burst(long seed, int app, long nanos) {
    long window = Math.floorDiv(nanos, BURST_WINDOW_NANOS);
    long h = LineContext.mix(seed * 31 + app * 0x9e3779b97f4a7c15L + window);
    return (h >>> 11) * 0x1.0p-53 < BURST_SHARE;
  }

  private static long[] needleTimes(Options o, SplittableRandom rng) {
    long[] times = new long[o.needleCount()];
    for (int i = 0; i < times.length; i++) {
      times[i] = o.startNanos() + (long) (rng.nextDouble() * o.spanNanos() * 0.98);
    }
    java.util.Arrays.sort(times);
    return times;
  }

  /** The needle: a trace id derived from the seed, never drawn by the random ids. */
  static String needle(long seed) {
    return String.format(
        Locale.ROOT, "%016x%016x", LineContext.mix(seed ^ 0x6e656564L), LineContext.mix(~seed));
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      throw new IllegalArgumentException(
          "usage: LogCorpus DIR [--size BYTES] [--seed N] [--start UNIX_SECONDS] [--span-hours H]"
              + " [--needles N]");
    }
    Options d = Options.DEFAULT;
    long seed = d.seed();
    long size = d.targetBytes();
    long start = d.startNanos();
    long span = d.spanNanos();
    int needles = d.needleCount();
    for (int i = 1; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--size" -> size = Long.parseLong(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--start" -> start = Long.parseLong(v) * NANOS_PER_SECOND;
        case "--span-hours" -> span = (long) (Double.parseDouble(v) * 3600) * NANOS_PER_SECOND;
        case "--needles" -> needles = Integer.parseInt(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    CorpusManifest m = generate(new Options(seed, size, start, span, needles), Path.of(args[0]));
    PrintStream out = System.out;
    out.print(m.toJson());
    out.printf(
        Locale.ROOT,
        "generated %,d bytes, %,d lines, %d streams from %s in %.1f s (%.1f MB/s, %.1f MB per CPU s)%n",
        m.rawBytes(),
        m.lines(),
        m.streams(),
        Instant.ofEpochSecond(0, m.startNanos()),
        m.generationSeconds(),
        m.megabytesPerSecond(),
        m.megabytesPerCpuSecond());
  }
}
