package io.moraine.bench.logs;

import java.util.Map;

/**
 * What a generated corpus holds, written as {@code manifest.json} beside it.
 *
 * @param rawBytes the size of {@code corpus.log}: every line and its newline
 * @param lineBytes the lines' bytes without newlines (what the push API carries)
 * @param startNanos the start of the corpus's window (Unix nanoseconds, inclusive)
 * @param endNanos the end of the window (exclusive); every entry lies in {@code [start, end)}
 * @param needle a trace id that occurs in exactly {@code needleCount} lines
 * @param filterApp the app the filter query selects
 * @param filterMatches its lines with {@code status >= 500} (all are JSON lines)
 * @param linesByKind lines per {@link LineKind}, by lower-case name
 * @param generationSeconds wall time to generate and write the corpus
 * @param generationCpuSeconds the process's CPU time over the same span (JIT and GC included)
 */
public record CorpusManifest(
    long seed,
    long rawBytes,
    long lineBytes,
    long lines,
    int streams,
    long startNanos,
    long endNanos,
    long firstNanos,
    long lastNanos,
    String needle,
    long needleCount,
    String filterApp,
    long filterMatches,
    long longLines,
    Map<String, Long> linesByKind,
    double generationSeconds,
    double generationCpuSeconds) {

  /** Raw megabytes (10^6 bytes) generated per second of wall time. */
  public double megabytesPerSecond() {
    return rawBytes / 1e6 / generationSeconds;
  }

  /** Raw megabytes generated per CPU second: the rate on an idle core. */
  public double megabytesPerCpuSecond() {
    return rawBytes / 1e6 / generationCpuSeconds;
  }

  /** The manifest as a JSON object (one line per field). */
  public String toJson() {
    StringBuilder kinds = new StringBuilder("{");
    for (Map.Entry<String, Long> e : linesByKind.entrySet()) {
      if (kinds.length() > 1) {
        kinds.append(", ");
      }
      kinds.append('"').append(e.getKey()).append("\": ").append(e.getValue());
    }
    kinds.append('}');
    return "{\n"
        + field("seed", seed)
        + field("raw_bytes", rawBytes)
        + field("line_bytes", lineBytes)
        + field("lines", lines)
        + field("streams", streams)
        + field("start_ns", startNanos)
        + field("end_ns", endNanos)
        + field("first_ns", firstNanos)
        + field("last_ns", lastNanos)
        + field("needle", '"' + needle + '"')
        + field("needle_count", needleCount)
        + field("filter_app", '"' + filterApp + '"')
        + field("filter_matches", filterMatches)
        + field("long_lines", longLines)
        + field("lines_by_kind", kinds)
        + field(
            "generation_seconds", String.format(java.util.Locale.ROOT, "%.3f", generationSeconds))
        + field(
            "generation_cpu_seconds",
            String.format(java.util.Locale.ROOT, "%.3f", generationCpuSeconds))
        + field(
            "generation_mb_per_cpu_s",
            String.format(java.util.Locale.ROOT, "%.1f", megabytesPerCpuSecond()))
        + "  \"generation_mb_per_s\": "
        + String.format(java.util.Locale.ROOT, "%.1f", megabytesPerSecond())
        + "\n}\n";
  }

  private static String field(String name, Object value) {
    return "  \"" + name + "\": " + value + ",\n";
  }
}
