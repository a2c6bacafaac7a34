package io.moraine.ingest.textparse;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses one input on several threads: {@link #split} cuts it at line breaks, then each range gets
 * its own thread, {@link OpenMetricsParser} and sink, all sharing one {@link SeriesRegistry}.
 *
 * <p>Splitting is sound because nothing a sample needs crosses a line, except the type of the last
 * {@code # TYPE} line (it decides whether {@code le}/{@code quantile} values are rewritten); a
 * parser that needs it before its range's first {@code # TYPE} line finds it by searching
 * backwards, once. Line numbers in errors count from the start of the whole input. Known limit: a
 * quoted metric name in HELP/TYPE/UNIT containing a raw line break would be cut.
 */
public final class ParallelParse {
  private ParallelParse() {}

  /**
   * Up to {@code n} non-empty ranges covering the input in order, each ending just after a line
   * break (the last at the end of the input). Reads only around the cut points.
   */
  public static List<Range> split(MemorySegment input, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1: " + n);
    }
    long size = input.byteSize();
    List<Range> ranges = new ArrayList<>(n);
    long start = 0;
    for (int i = 1; i < n && start < size; i++) {
      long target = Math.max(start, size / n * i);
      long nl =
          Scan.findAny(
              input, target, size, Scan.pattern('\n'), Scan.pattern('\n'), Scan.pattern('\n'));
      long cut = Math.min(size, nl + 1);
      if (cut > start && cut < size) {
        ranges.add(new Range(start, cut));
        start = cut;
      }
    }
    ranges.add(new Range(start, size));
    return ranges;
  }

  /**
   * Parses {@code input} on {@code sinks.size()} threads, range {@code i} into {@code sinks.get(i)}
   * (each sink is called by one thread only; {@code series} for an id goes to the sink of the
   * thread that met the series first, before any thread's {@code sample} for it).
   *
   * @return the total number of samples
   * @throws TextParseException the error of the earliest range that failed (all ranges run to their
   *     end or first error)
   */
  public static long parse(
      MemorySegment input, SeriesRegistry registry, List<? extends SampleSink> sinks)
      throws InterruptedException {
    Objects.requireNonNull(registry, "registry");
    List<Range> ranges = split(input, sinks.size());
    int n = ranges.size();
    OpenMetricsParser[] parsers = new OpenMetricsParser[n];
    Throwable[] failures = new Throwable[n];
    Thread[] threads = new Thread[n];
    for (int i = 0; i < n; i++) {
      int r = i;
      parsers[r] = new OpenMetricsParser(input, registry);
      threads[r] =
          Thread.ofPlatform()
              .name("openmetrics-parse-" + r)
              .start(
                  () -> {
                    try {
                      parsers[r].parse(ranges.get(r), sinks.get(r));
                    } catch (RuntimeException | Error e) {
                      failures[r] = e;
                    }
                  });
    }
    long samples = 0;
    for (int i = 0; i < n; i++) {
      threads[i].join();
      samples += parsers[i].samplesParsed();
    }
    for (Throwable failure : failures) {
      if (failure instanceof RuntimeException e) {
        throw e;
      } else if (failure instanceof Error e) {
        throw e;
      }
    }
    return samples;
  }
}
