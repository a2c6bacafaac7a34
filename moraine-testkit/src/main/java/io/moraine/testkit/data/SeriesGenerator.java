package io.moraine.testkit.data;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Deterministic, realistic Prometheus series and values, after the benchmark's {@code
 * lib/series.py}: each target looks like one Kubernetes node (node_exporter families, two classic
 * histograms with {@code le} buckets, cAdvisor-like containers with long {@code id}, {@code name}
 * and {@code image} labels), every series labelled {@code job} and {@code instance} as the ingest
 * benchmark labels them. Values move like real exporters' (see {@link ValueKind}).
 *
 * <p>Everything derives from the seed: the same seed gives the same series and values on every
 * machine, and {@link #value} can be asked for any series and step in any order. The shapes and
 * value mix follow {@code series.py}; the random draws are Java's, so the exact label values and
 * numbers differ from the Python generator's.
 *
 * <p>Not thread-safe (values are cached as they are walked); use one generator per thread.
 */
public final class SeriesGenerator {
  /** The scrape interval of the benchmark farm. */
  public static final int DEFAULT_STEP_SECONDS = 10;

  /** 2023-11-14T22:13:20Z: a fixed, plausible start. */
  public static final long DEFAULT_START_SECONDS = 1_700_000_000L;

  private static final long HISTOGRAM_STREAM = 1L << 40;
  private static final long JITTER_STREAM = 1L << 41;

  private final long seed;
  private final long startSeconds;
  private final int stepSeconds;
  private final String job;
  private List<SeriesSpec> specs = List.of();
  private List<HistogramSpec> histograms = List.of();
  private int[] target = new int[0];
  private double[] value = new double[0];
  private int[] valueStep = new int[0];
  private long[][] counts = new long[0][];
  private double[] sums = new double[0];
  private int[] histogramStep = new int[0];

  /**
   * @param startSeconds time of step 0, seconds since the epoch
   * @param stepSeconds seconds between steps
   * @param job the {@code job} label of every series
   */
  public SeriesGenerator(long seed, long startSeconds, int stepSeconds, String job) {
    if (stepSeconds <= 0) {
      throw new IllegalArgumentException("step must be positive, got " + stepSeconds);
    }
    this.seed = seed;
    this.startSeconds = startSeconds;
    this.stepSeconds = stepSeconds;
    this.job = Objects.requireNonNull(job);
  }

  /** A generator with the benchmark's defaults: 10 s steps, {@code job="push"}. */
  public SeriesGenerator(long seed) {
    this(seed, "push");
  }

  /** A generator with the benchmark's times (10 s steps) and the given {@code job} label. */
  public SeriesGenerator(long seed, String job) {
    this(seed, DEFAULT_START_SECONDS, DEFAULT_STEP_SECONDS, job);
  }

  /**
   * Generates (again) the series of {@code targets} targets with {@code seriesPerTarget} series
   * each: node families first, cut where the limit falls (a histogram is left out whole), then
   * containers up to the limit. Target {@code i} is {@code instance="127.0.0.1:<19100+i>"}. Later
   * calls to {@link #value} refer to this list.
   *
   * @return the series in generation order: target by target, family by family
   */
  public List<Labels> series(int targets, int seriesPerTarget) {
    if (targets < 0 || seriesPerTarget < 0) {
      throw new IllegalArgumentException("negative size: " + targets + " x " + seriesPerTarget);
    }
    List<SeriesSpec> s = new ArrayList<>();
    List<HistogramSpec> h = new ArrayList<>();
    int[] targetOf = new int[Math.multiplyExact(targets, seriesPerTarget)];
    for (int t = 0; t < targets; t++) {
      String instance = "127.0.0.1:" + (19100 + t);
      SeriesSink sink = new SeriesSink(s, h, seriesPerTarget, "job", job, "instance", instance);
      int first = s.size();
      new TargetBuilder(seed, t, sink).build(seriesPerTarget);
      Arrays.fill(targetOf, first, s.size(), t);
    }
    specs = List.copyOf(s);
    target = Arrays.copyOf(targetOf, specs.size());
    histograms = List.copyOf(h);
    value = new double[specs.size()];
    valueStep = new int[specs.size()];
    Arrays.fill(valueStep, Integer.MAX_VALUE);
    counts = new long[histograms.size()][];
    sums = new double[histograms.size()];
    histogramStep = new int[histograms.size()];
    Arrays.fill(histogramStep, Integer.MAX_VALUE);
    return specs.stream().map(SeriesSpec::labels).toList();
  }

  /** Number of series of the last {@link #series} call. */
  public int size() {
    return specs.size();
  }

  /**
   * The value of series {@code seriesIndex} at step {@code step} (0 = the first sample, at {@link
   * #timestampSeconds}(0)). Cheap when steps are asked in ascending order per series; an earlier
   * step replays the series from its start.
   */
  public double value(int seriesIndex, int step) {
    if (step < 0) {
      throw new IllegalArgumentException("negative step " + step);
    }
    SeriesSpec s = specs.get(seriesIndex);
    if (s.histogram() >= 0) {
      return histogramValue(s, step);
    }
    if (valueStep[seriesIndex] > step) {
      value[seriesIndex] = s.initial();
      valueStep[seriesIndex] = -1;
    }
    while (valueStep[seriesIndex] < step) {
      int at = ++valueStep[seriesIndex];
      double r1 = Noise.unit(seed, seriesIndex, at, 1);
      double r2 = Noise.unit(seed, seriesIndex, at, 2);
      value[seriesIndex] =
          ValueWalk.next(s, value[seriesIndex], stepSeconds, timestampSeconds(at), r1, r2);
    }
    return value[seriesIndex];
  }

  /** Values of series {@code seriesIndex} at steps 0 to {@code steps - 1}. */
  public double[] values(int seriesIndex, int steps) {
    double[] out = new double[steps];
    for (int step = 0; step < steps; step++) {
      out[step] = value(seriesIndex, step);
    }
    return out;
  }

  /** Time of a step in seconds since the epoch. */
  public long timestampSeconds(int step) {
    return startSeconds + (long) step * stepSeconds;
  }

  /** Time of a step in milliseconds since the epoch. */
  public long timestampMillis(int step) {
    return timestampSeconds(step) * 1000;
  }

  /**
   * Time of a step in milliseconds as target {@code target} was scraped: {@link
   * #timestampMillis(int)} moved by a whole number of milliseconds drawn uniformly from {@code
   * [-jitterMillis, jitterMillis]}, the same for every series of the target (real scrapes are a few
   * ms late or early; 0 gives the regular grid). Deterministic for (seed, target, step).
   *
   * @param jitterMillis at most a little under half a step, so that times stay increasing
   */
  public long timestampMillis(int target, int step, int jitterMillis) {
    if (jitterMillis < 0 || 2L * jitterMillis >= stepSeconds * 1000L) {
      throw new IllegalArgumentException(
          "jitter must be in [0, step/2), got " + jitterMillis + " ms at " + stepSeconds + " s");
    }
    long nominal = timestampMillis(step);
    if (jitterMillis == 0) {
      return nominal;
    }
    double u = Noise.unit(seed, JITTER_STREAM + target, step, 0);
    return nominal - jitterMillis + (long) (u * (2 * jitterMillis + 1));
  }

  /** Scrape times of target {@code target} at steps 0 to {@code steps - 1}, jittered as above. */
  public long[] timestampsMillis(int target, int steps, int jitterMillis) {
    long[] out = new long[steps];
    for (int step = 0; step < steps; step++) {
      out[step] = timestampMillis(target, step, jitterMillis);
    }
    return out;
  }

  public int stepSeconds() {
    return stepSeconds;
  }

  /** The target (0-based; {@code instance="127.0.0.1:<19100+target>"}) the series belongs to. */
  public int target(int seriesIndex) {
    Objects.checkIndex(seriesIndex, target.length);
    return target[seriesIndex];
  }

  /** How the series' value moves. */
  public ValueKind kind(int seriesIndex) {
    return specs.get(seriesIndex).kind();
  }

  /** The series' metric family name (a histogram's name without {@code _bucket} etc.). */
  public String family(int seriesIndex) {
    return specs.get(seriesIndex).family();
  }

  /** The family's type: {@code counter}, {@code gauge} or {@code histogram}. */
  public String familyType(int seriesIndex) {
    return specs.get(seriesIndex).type();
  }

  /** The series in exposition form, labels in generation order: {@code name{a="b",...}}. */
  String text(int seriesIndex) {
    return specs.get(seriesIndex).text();
  }

  /** The first series of the metric (histogram) the series belongs to, or its own index. */
  int group(int seriesIndex) {
    return specs.get(seriesIndex).group();
  }

  private double histogramValue(SeriesSpec s, int step) {
    int h = s.histogram();
    HistogramSpec spec = histograms.get(h);
    if (histogramStep[h] > step) {
      counts[h] = spec.startCounts().clone();
      sums[h] = spec.startSum();
      histogramStep[h] = -1;
    }
    while (histogramStep[h] < step) {
      advanceHistogram(h, spec, ++histogramStep[h]);
    }
    int buckets = spec.cdf().length;
    if (s.component() < buckets) {
      return counts[h][s.component()];
    }
    return s.component() == buckets ? sums[h] : counts[h][buckets - 1];
  }

  private void advanceHistogram(int h, HistogramSpec spec, int at) {
    long stream = HISTOGRAM_STREAM + h;
    long n = (long) (spec.rate() * stepSeconds * (0.7 + 0.6 * Noise.unit(seed, stream, at, 0)));
    if (n == 0) {
      return;
    }
    long[] c = counts[h];
    long prev = 0;
    for (int j = 0; j < c.length; j++) {
      long inc =
          j < c.length - 1 ? (long) (n * spec.cdf()[j] + Noise.unit(seed, stream, at, 2 + j)) : n;
      inc = Math.max(inc, prev);
      c[j] += inc;
      prev = inc;
    }
    double jitter = 0.8 + 0.4 * Noise.unit(seed, stream, at, 1);
    sums[h] = ValueWalk.round(sums[h] + n * spec.mean() * jitter, 1e6);
  }
}
