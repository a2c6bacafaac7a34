package io.moraine.agent;

import io.moraine.agent.Exposition.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the agent's {@code node_*} families with node_exporter's over several rounds of
 * simultaneous scrapes, and keeps what it found for the report. A label-set or value difference
 * fails only when it shows in every round (a mount or a counter may change between two reads); a
 * TYPE or HELP difference, or a family name that belongs to no node_exporter collector, fails at
 * once. Not thread-safe.
 */
final class Parity {
  /**
   * Gauges that move between two reads made a few milliseconds apart, so only their existence and
   * label sets are compared: run queue and process counts, free/used memory figures that the kernel
   * changes continuously, the clock, free space, the entropy pool, open file handles and I/Os in
   * progress. Every other gauge (sizes, totals, limits, boot time, info metrics = 1) must be within
   * 1%. Pressure (PSI) is not here: node_exporter 1.5.0 types its families as counters, so they get
   * the counter check.
   */
  static final Set<String> VOLATILE_GAUGES =
      Set.of(
          "node_load1",
          "node_load5",
          "node_load15",
          "node_procs_running",
          "node_procs_blocked",
          "node_memory_MemFree_bytes",
          "node_memory_MemAvailable_bytes",
          "node_memory_Buffers_bytes",
          "node_memory_Cached_bytes",
          "node_memory_SwapCached_bytes",
          "node_memory_SwapFree_bytes",
          "node_memory_Active_bytes",
          "node_memory_Inactive_bytes",
          "node_memory_Active_anon_bytes",
          "node_memory_Inactive_anon_bytes",
          "node_memory_Active_file_bytes",
          "node_memory_Inactive_file_bytes",
          "node_memory_Dirty_bytes",
          "node_memory_Writeback_bytes",
          "node_memory_AnonPages_bytes",
          "node_memory_AnonHugePages_bytes",
          "node_memory_Mapped_bytes",
          "node_memory_Shmem_bytes",
          "node_memory_Slab_bytes",
          "node_memory_SReclaimable_bytes",
          "node_memory_SUnreclaim_bytes",
          "node_memory_KReclaimable_bytes",
          "node_memory_KernelStack_bytes",
          "node_memory_PageTables_bytes",
          "node_memory_Committed_AS_bytes",
          "node_memory_VmallocUsed_bytes",
          "node_memory_Percpu_bytes",
          "node_time_seconds",
          "node_filesystem_free_bytes",
          "node_filesystem_avail_bytes",
          "node_filesystem_files_free",
          "node_entropy_available_bits",
          "node_filefd_allocated",
          "node_disk_io_now");

  /**
   * Family-name prefixes of the node_exporter collectors the agent reimplements: a claimed family
   * node_exporter does not write is a naming mistake unless it starts with one of these and that
   * collector is in {@code --help}'s list.
   */
  static final Map<String, String> PREFIX_COLLECTOR =
      Map.ofEntries(
          Map.entry("node_cpu_", "cpu"),
          Map.entry("node_disk_", "diskstats"),
          Map.entry("node_entropy_", "entropy"),
          Map.entry("node_filefd_", "filefd"),
          Map.entry("node_filesystem_", "filesystem"),
          Map.entry("node_hwmon_", "hwmon"),
          Map.entry("node_load", "loadavg"),
          Map.entry("node_memory_", "meminfo"),
          Map.entry("node_network_", "netdev"),
          Map.entry("node_os_", "os"),
          Map.entry("node_pressure_", "pressure"),
          Map.entry("node_boot_time_seconds", "stat"),
          Map.entry("node_context_switches_total", "stat"),
          Map.entry("node_forks_total", "stat"),
          Map.entry("node_intr_total", "stat"),
          Map.entry("node_procs_", "stat"),
          Map.entry("node_time_", "time"),
          Map.entry("node_uname_", "uname"),
          Map.entry("node_vmstat_", "vmstat"));

  private final Set<String> helpCollectors;
  private final Set<String> immediate = new TreeSet<>();
  private final Map<String, Integer> labelDiffs = new TreeMap<>();
  private final Map<String, Integer> valueDiffs = new TreeMap<>();
  private final Map<String, String> valueDetail = new TreeMap<>();
  private final Set<String> comparedFamilies = new TreeSet<>();
  private final Set<String> notInNodeExporter = new TreeSet<>();
  private int rounds;
  private long seriesCompared;
  private long counterSeriesCompared;
  private double maxCounterRelative;
  private String maxCounterSeries = "-";

  /**
   * @param helpCollectors the collector names listed by {@code prometheus-node-exporter --help}
   */
  Parity(Set<String> helpCollectors) {
    this.helpCollectors = Set.copyOf(helpCollectors);
  }

  /** Compares one pair of scrapes taken at the same moment. */
  void compare(Map<String, Family> ours, Map<String, Family> theirs) {
    rounds++;
    for (Family mine : ours.values()) {
      if (!mine.name().startsWith("node_")) {
        continue;
      }
      Family other = theirs.get(mine.name());
      if (other == null) {
        missing(mine.name());
        continue;
      }
      comparedFamilies.add(mine.name());
      if (!mine.type().equals(other.type())) {
        immediate.add(mine.name() + ": TYPE " + mine.type() + ", node_exporter " + other.type());
      }
      if (!mine.help().equals(other.help())) {
        immediate.add(
            mine.name() + ": HELP \"" + mine.help() + "\", node_exporter \"" + other.help() + "\"");
      }
      labelSets(mine, other);
      values(mine, other);
    }
  }

  private void missing(String family) {
    notInNodeExporter.add(family);
    String collector = null;
    for (Map.Entry<String, String> e : PREFIX_COLLECTOR.entrySet()) {
      if (family.startsWith(e.getKey())) {
        collector = e.getValue();
      }
    }
    if (collector == null || !helpCollectors.contains(collector)) {
      immediate.add(family + ": not written by node_exporter and named after no collector of its");
    }
  }

  private void labelSets(Family mine, Family other) {
    for (String s : mine.series().keySet()) {
      if (!other.series().containsKey(s)) {
        labelDiffs.merge(mine.name() + ": only the agent has " + s, 1, Integer::sum);
      }
    }
    for (String s : other.series().keySet()) {
      if (!mine.series().containsKey(s)) {
        labelDiffs.merge(mine.name() + ": only node_exporter has " + s, 1, Integer::sum);
      }
    }
  }

  private void values(Family mine, Family other) {
    boolean gauge = mine.type().equals("gauge");
    boolean checked = !gauge || !VOLATILE_GAUGES.contains(mine.name());
    for (Map.Entry<String, Double> e : mine.series().entrySet()) {
      Double theirs = other.series().get(e.getKey());
      if (theirs == null) {
        continue;
      }
      seriesCompared++;
      if (!checked) {
        continue;
      }
      double a = e.getValue();
      double b = theirs;
      if (!gauge) {
        counterSeriesCompared++;
        double rel = relative(a, b);
        if (rel > maxCounterRelative) {
          maxCounterRelative = rel;
          maxCounterSeries = e.getKey();
        }
      }
      if (!close(a, b, !gauge)) {
        valueDiffs.merge(e.getKey(), 1, Integer::sum);
        valueDetail.put(
            e.getKey(),
            String.format(
                Locale.ROOT, "agent %s, node_exporter %s (%.3g%%)", a, b, relative(a, b) * 100));
      }
    }
  }

  /**
   * Whether two reads agree: within 1% of the larger. Counters (and untyped figures, which in
   * node_exporter 1.5.0 are vmstat's cumulative counts) tick between the two reads, so where both
   * are below 100 they may also differ by up to 2 units.
   */
  static boolean close(double a, double b, boolean counterLike) {
    if (a == b || (Double.isNaN(a) && Double.isNaN(b))) {
      return true;
    }
    double diff = Math.abs(a - b);
    double larger = Math.max(Math.abs(a), Math.abs(b));
    if (diff <= 0.01 * larger) {
      return true;
    }
    return counterLike && larger < 100 && diff <= 2;
  }

  static double relative(double a, double b) {
    double larger = Math.max(Math.abs(a), Math.abs(b));
    return a == b || larger == 0 ? 0 : Math.abs(a - b) / larger;
  }

  /** The failures: immediate ones, and differences seen in every round. */
  List<String> failures() {
    List<String> out = new ArrayList<>(immediate);
    labelDiffs.forEach(
        (d, n) -> {
          if (n == rounds) {
            out.add(d);
          }
        });
    valueDiffs.forEach(
        (s, n) -> {
          if (n == rounds) {
            out.add(s + ": " + valueDetail.get(s));
          }
        });
    return out;
  }

  /** Differences seen in some rounds but not all: reported, not failed. */
  List<String> transient_() {
    List<String> out = new ArrayList<>();
    labelDiffs.forEach((d, n) -> addIf(out, n < rounds, d + " (" + n + "/" + rounds + " rounds)"));
    valueDiffs.forEach(
        (s, n) ->
            addIf(
                out,
                n < rounds,
                s + ": " + valueDetail.get(s) + " (" + n + "/" + rounds + " rounds)"));
    return out;
  }

  private static void addIf(List<String> out, boolean cond, String s) {
    if (cond) {
      out.add(s);
    }
  }

  Set<String> comparedFamilies() {
    return comparedFamilies;
  }

  Set<String> notInNodeExporter() {
    return notInNodeExporter;
  }

  long seriesCompared() {
    return seriesCompared;
  }

  long counterSeriesCompared() {
    return counterSeriesCompared;
  }

  double maxCounterRelative() {
    return maxCounterRelative;
  }

  String maxCounterSeries() {
    return maxCounterSeries;
  }

  int rounds() {
    return rounds;
  }

  /**
   * node_exporter's families the agent does not write, grouped by collector-name prefix ({@code
   * node_<word>}, or the first word for {@code go_}, {@code process_}, ...).
   */
  static Map<String, List<String>> uncovered(Map<String, Family> ours, Map<String, Family> theirs) {
    Map<String, List<String>> out = new TreeMap<>();
    for (String name : theirs.keySet()) {
      if (ours.containsKey(name)) {
        continue;
      }
      String[] words = name.split("_");
      String prefix = name.startsWith("node_") && words.length > 1 ? "node_" + words[1] : words[0];
      out.computeIfAbsent(prefix, k -> new ArrayList<>()).add(name);
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }
}
