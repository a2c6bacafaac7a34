package io.moraine.testkit.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link SeriesGenerator}'s data as OpenMetrics text with timestamps, in the shape that
 * {@code promtool tsdb create-blocks-from openmetrics} reads: sample lines {@code name{labels}
 * value timestamp_seconds}, ending with {@code # EOF}. Streams; holds nothing per sample.
 *
 * <p>Values are written as Java prints doubles ({@code 1.0E-5}; Go's {@code ParseFloat} reads
 * that), whole-number kinds without a fraction. Timestamps are whole seconds.
 */
public final class OpenMetricsWriter {
  /** The order of lines. */
  public enum Layout {
    /**
     * As the ingest benchmark writes {@code data.om.txt}: step after step, every series in
     * generation order at each step, no metadata lines.
     */
    TIME_MAJOR,
    /**
     * Strict OpenMetrics: family after family, each opened by its {@code # TYPE} line; within a
     * family metric after metric (a histogram's buckets, sum and count together), each metric's
     * points in time order. Counter families are typed under their name without {@code _total};
     * counters whose samples lack that suffix are typed {@code unknown}.
     */
    FAMILY_MAJOR
  }

  private OpenMetricsWriter() {}

  /**
   * Writes steps {@code 0 .. steps-1} of every series of {@code gen}'s last {@link
   * SeriesGenerator#series} call. The stream is flushed, not closed.
   *
   * @return the number of samples written
   */
  public static long write(SeriesGenerator gen, int steps, Layout layout, OutputStream out)
      throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    long n =
        switch (layout) {
          case TIME_MAJOR -> timeMajor(gen, steps, w);
          case FAMILY_MAJOR -> familyMajor(gen, steps, w);
        };
    w.write("# EOF\n");
    w.flush();
    return n;
  }

  private static long timeMajor(SeriesGenerator gen, int steps, Writer w) throws IOException {
    long n = 0;
    for (int step = 0; step < steps; step++) {
      for (int i = 0; i < gen.size(); i++) {
        sample(gen, i, step, w);
        n++;
      }
    }
    return n;
  }

  private static long familyMajor(SeriesGenerator gen, int steps, Writer w) throws IOException {
    Map<String, Map<Integer, List<Integer>>> families = new LinkedHashMap<>();
    for (int i = 0; i < gen.size(); i++) {
      families
          .computeIfAbsent(gen.family(i), f -> new LinkedHashMap<>())
          .computeIfAbsent(gen.group(i), g -> new ArrayList<>())
          .add(i);
    }
    long n = 0;
    for (Map<Integer, List<Integer>> metrics : families.values()) {
      int first = metrics.values().iterator().next().getFirst();
      w.write(typeLine(gen.family(first), gen.familyType(first)));
      for (List<Integer> metric : metrics.values()) {
        for (int step = 0; step < steps; step++) {
          for (int i : metric) {
            sample(gen, i, step, w);
            n++;
          }
        }
      }
    }
    return n;
  }

  static String typeLine(String family, String type) {
    if (type.equals("counter")) {
      return family.endsWith("_total")
          ? "# TYPE " + family.substring(0, family.length() - "_total".length()) + " counter\n"
          : "# TYPE " + family + " unknown\n";
    }
    return "# TYPE " + family + " " + type + "\n";
  }

  private static void sample(SeriesGenerator gen, int i, int step, Writer w) throws IOException {
    double v = gen.value(i, step);
    w.write(gen.text(i));
    w.write(' ');
    w.write(format(v, gen.kind(i)));
    w.write(' ');
    w.write(Long.toString(gen.timestampSeconds(step)));
    w.write('\n');
  }

  static String format(double v, ValueKind kind) {
    if (kind.integral() && Math.abs(v) < 0x1p63) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
