package io.moraine.testkit.series;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One synthetic scrape target with about {@code n} series whose values advance like node_exporter,
 * cAdvisor and histogram output: a Java port of the value model of the benchmark's {@code
 * bench/lib/series.py} (same families, kinds, parameters and update rules; a different random
 * stream, so the same statistics rather than the same numbers). Labels are left out: only values
 * matter to the storage tests and benchmarks that use it. Deterministic for (seed, index); not
 * thread-safe.
 */
public final class SyntheticTarget {
  private static final double[] CPU_SHARES = {0.70, 0.15, 0.06, 0.01, 0.0, 0.005, 0.0, 0.0};
  private static final int MEM_CONST = 12;
  private static final int MEM_WALK = 29;
  private static final int NET_DEVS = 6;
  private static final int DISK_DEVS = 4;
  private static final int FILESYSTEMS = 5;
  private static final int COLLECTORS = 24;
  private static final double[] HTTP_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };
  private static final double[] API_BUCKETS = {0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6};

  private final SplittableRandom r;
  private final int target;
  private final List<ValueKind> kinds = new ArrayList<>();
  private final List<double[]> params = new ArrayList<>();
  private double[] val = new double[0];
  private final List<Histogram> hists = new ArrayList<>();
  private double last;

  /** Cumulative buckets plus _sum and _count of one histogram. */
  private static final class Histogram {
    final double[] cdf;
    final long[] counts;
    double sum;
    final double rate;
    final double mean;
    final int firstSeries;

    Histogram(double[] cdf, long[] counts, double sum, double rate, double mean, int firstSeries) {
      this.cdf = cdf;
      this.counts = counts;
      this.sum = sum;
      this.rate = rate;
      this.mean = mean;
      this.firstSeries = firstSeries;
    }
  }

  /**
   * @param index the target's number, which also seeds it
   * @param n about how many series it exposes
   * @param seed the run's seed
   * @param startSeconds the time before the first {@link #advance}
   */
  public SyntheticTarget(int index, int n, long seed, double startSeconds) {
    this.target = n;
    this.r = new SplittableRandom(seed * 1000003 + index);
    this.last = startSeconds;
    List<Double> initial = new ArrayList<>();
    build(initial);
    val = new double[initial.size()];
    for (int i = 0; i < val.length; i++) {
      val[i] = initial.get(i);
    }
  }

  public int numSeries() {
    return kinds.size();
  }

  public ValueKind kind(int series) {
    return kinds.get(series);
  }

  /** The current value of a series. */
  public double value(int series) {
    return val[series];
  }

  private double uniform(double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  private long randint(long lo, long hi) {
    return r.nextLong(lo, hi + 1);
  }

  private static double round(double v, int decimals) {
    double p = Math.pow(10, decimals);
    return Math.rint(v * p) / p;
  }

  /** Integer-valued series; every value the generator makes is far below 2^53, so exact. */
  private boolean add(List<Double> initial, ValueKind kind, long v, double... p) {
    return add(initial, kind, (double) v, p);
  }

  private boolean add(List<Double> initial, ValueKind kind, double v, double... p) {
    if (kinds.size() >= target) {
      return false;
    }
    kinds.add(kind);
    params.add(p.length == 3 ? p : java.util.Arrays.copyOf(p, 3));
    initial.add(v);
    return true;
  }

  private void build(List<Double> in) {
    long boot = 1_600_000_000L + randint(0, 10_000_000);
    for (int c = 0; c < 8; c++) {
      for (double share : CPU_SHARES) {
        if (share > 0) {
          add(in, ValueKind.COUNTER_CENTISEC, round(uniform(1e5, 1e6) * share, 2), share);
        } else {
          add(in, ValueKind.CONSTANT, 0);
        }
      }
    }
    for (int i = 0; i < 16; i++) {
      add(in, ValueKind.CONSTANT, 0);
    }
    for (int i = 0; i < MEM_CONST; i++) {
      add(in, ValueKind.CONSTANT, randint(0, 64) * (double) (1L << 30));
    }
    for (int i = 0; i < MEM_WALK; i++) {
      double step = 4096 * new double[] {8, 64, 512}[r.nextInt(3)];
      add(in, ValueKind.GAUGE_WALK_PAGES, randint(1, 1 << 22) * 4096.0, step, 0, 64.0 * (1L << 30));
    }
    for (int i = 0; i < 3; i++) {
      add(in, ValueKind.GAUGE_WALK_2DEC, round(uniform(0.1, 4), 2), 0, uniform(0.5, 3.0));
    }
    double[][] net = {
      {2e6, 0}, {1e6, 0}, {2e3, 0}, {1.5e3, 0}, {0.02, 1}, {0.01, 1}, {0.05, 1}, {0.01, 1}
    };
    for (double[] m : net) {
      for (int d = 0; d < NET_DEVS; d++) {
        boolean rare = m[1] > 0;
        add(
            in,
            rare ? ValueKind.COUNTER_RARE : ValueKind.COUNTER_INT,
            rare ? randint(0, 50) : randint(0, 1_000_000_000_000L),
            m[0] * uniform(0.1, 1.0));
      }
    }
    for (double v : new double[] {1, 1500, 1250000000}) {
      for (int d = 0; d < NET_DEVS; d++) {
        add(in, ValueKind.CONSTANT, v);
      }
    }
    double[][] disk = {{50, 0}, {120, 0}, {4e5, 0}, {1.5e6, 0}, {0.02, 1}, {0.08, 1}, {0.05, 1}};
    for (double[] m : disk) {
      for (int d = 0; d < DISK_DEVS; d++) {
        boolean cs = m[1] > 0;
        add(
            in,
            cs ? ValueKind.COUNTER_CENTISEC : ValueKind.COUNTER_INT,
            cs ? round(uniform(1e3, 1e5), 2) : randint(0, 10_000_000_000L),
            m[0] * uniform(0.1, 1.0));
      }
    }
    for (int d = 0; d < DISK_DEVS; d++) {
      add(in, ValueKind.GAUGE_SMALL_INT, 0, 4);
    }
    buildFilesystems(in);
    add(in, ValueKind.CONSTANT, 1); // uname_info
    add(in, ValueKind.CONSTANT, 1); // os_info
    add(in, ValueKind.CONSTANT, boot);
    add(in, ValueKind.TIMESTAMP_FLOAT, 0);
    for (double rate : new double[] {3e4, 2e4, 20}) {
      add(in, ValueKind.COUNTER_INT, randint(1_000_000, 100_000_000_000L), rate * uniform(0.2, 1));
    }
    add(in, ValueKind.GAUGE_SMALL_INT, 1, 16);
    add(in, ValueKind.GAUGE_SMALL_INT, 1, 2);
    double[][] walks = {{3500, 5, 4096}, {9000, 30, 1e6}, {300, 4, 65000}, {250, 4, 65000}};
    for (double[] w : walks) {
      add(in, ValueKind.GAUGE_WALK_INT, w[0], w[1], 0, w[2]);
    }
    for (int c = 0; c < COLLECTORS; c++) {
      add(in, ValueKind.GAUGE_NOISE_FLOAT, 0, 0, uniform(1e-5, 5e-3));
    }
    for (int c = 0; c < COLLECTORS; c++) {
      add(in, ValueKind.CONSTANT, 1);
    }
    for (int h = 0; h < 6; h++) {
      for (int code = 0; code < 2; code++) {
        double rate = code == 0 ? uniform(0.5, 20.0) : uniform(0.0, 0.2);
        hist(in, HTTP_BUCKETS, rate, Math.log(uniform(0.005, 0.2)), uniform(0.5, 1.2));
      }
    }
    for (int i = 0; i < 16; i++) {
      hist(in, API_BUCKETS, uniform(0.05, 5.0), Math.log(uniform(0.02, 0.5)), uniform(0.4, 1.0));
    }
    while (kinds.size() < target) {
      buildContainer(in, boot);
    }
  }

  private void buildFilesystems(List<Double> in) {
    String[] metrics = {"avail", "free", "size", "files", "files_free", "readonly", "error"};
    for (String m : metrics) {
      for (int f = 0; f < FILESYSTEMS; f++) {
        switch (m) {
          case "avail", "free" ->
              add(
                  in,
                  ValueKind.GAUGE_WALK_PAGES,
                  randint(1 << 18, 1 << 26) * 4096.0,
                  4096 * 16,
                  0,
                  (double) (1L << 40));
          case "files_free" ->
              add(in, ValueKind.GAUGE_WALK_INT, randint(100_000, 10_000_000), 20, 0, 1e8);
          case "readonly", "error" -> add(in, ValueKind.CONSTANT, 0);
          default -> add(in, ValueKind.CONSTANT, randint(1L << 28, 1L << 40) / 4096 * 4096);
        }
      }
    }
  }

  private void buildContainer(List<Double> in, long boot) {
    double cpu = uniform(0.001, 1.5);
    long mem = randint(1 << 14, 1 << 19) * 4096;
    add(in, ValueKind.COUNTER_NS_FLOAT, uniform(10, 1e5), cpu);
    add(in, ValueKind.COUNTER_NS_FLOAT, uniform(10, 1e5), cpu * 0.7);
    add(in, ValueKind.COUNTER_NS_FLOAT, uniform(10, 1e5), cpu * 0.3);
    add(in, ValueKind.COUNTER_INT, randint(0, 10_000_000), 10);
    add(in, ValueKind.COUNTER_RARE, randint(0, 10_000), 0.1);
    add(in, ValueKind.GAUGE_WALK_PAGES, mem, 4096 * 32, 1 << 20, 1L << 33);
    add(in, ValueKind.GAUGE_WALK_PAGES, mem / 2 / 4096 * 4096, 4096 * 16, 1 << 20, 1L << 33);
    add(in, ValueKind.GAUGE_WALK_PAGES, mem / 3 / 4096 * 4096, 4096 * 64, 0, 1L << 33);
    add(in, ValueKind.GAUGE_WALK_PAGES, mem + (1 << 22), 4096 * 32, 1 << 20, 1L << 34);
    add(in, ValueKind.CONSTANT, mem * 2);
    add(in, ValueKind.GAUGE_WALK_PAGES, randint(0, 1 << 12) * 4096, 4096, 0, 1 << 30);
    add(in, ValueKind.CONSTANT, 0);
    for (double rate : new double[] {5e4, 3e4, 60, 40}) {
      add(in, ValueKind.COUNTER_INT, randint(0, 10_000_000_000L), rate * uniform(0.01, 1));
    }
    add(in, ValueKind.COUNTER_INT, randint(0, 1_000_000_000), 2e4 * uniform(0.01, 1));
    add(in, ValueKind.COUNTER_INT, randint(0, 1_000_000_000), 8e4 * uniform(0.01, 1));
    add(in, ValueKind.COUNTER_RARE, randint(0, 1_000_000_000), 0.5 * uniform(0.01, 1));
    add(in, ValueKind.COUNTER_INT, randint(0, 1_000_000_000), 3 * uniform(0.01, 1));
    long[] limits = {0, 1L << 28, 1L << 29, 1L << 30, 1L << 31};
    add(in, ValueKind.CONSTANT, limits[r.nextInt(limits.length)]);
    long[] shares = {2, 102, 256, 512, 1024};
    add(in, ValueKind.CONSTANT, shares[r.nextInt(shares.length)]);
    add(in, ValueKind.CONSTANT, boot + randint(0, 1_000_000));
    add(in, ValueKind.TIMESTAMP_INT, 0);
  }

  private void hist(List<Double> in, double[] buckets, double rate, double mu, double sigma) {
    int n = buckets.length + 3;
    if (kinds.size() + n > target) {
      return;
    }
    double[] cdf = new double[buckets.length + 1];
    for (int i = 0; i < buckets.length; i++) {
      double z = (Math.log(buckets[i]) - mu) / (sigma * Math.sqrt(2));
      cdf[i] = 0.5 * (1 + erf(z));
    }
    cdf[buckets.length] = 1.0;
    long start = randint(1000, 1_000_000);
    long[] counts = new long[cdf.length];
    for (int i = 0; i < cdf.length; i++) {
      counts[i] = (long) (start * cdf[i]);
    }
    double mean = Math.exp(mu + sigma * sigma / 2);
    hists.add(new Histogram(cdf, counts, start * mean, rate, mean, kinds.size()));
    for (int i = 0; i < n; i++) {
      add(in, ValueKind.HISTOGRAM, 0);
    }
  }

  /** Abramowitz-Stegun 7.1.26; the bucket shares need no more precision. */
  private static double erf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double y =
        1
            - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                    + 0.254829592)
                * t
                * Math.exp(-x * x);
    return x >= 0 ? y : -y;
  }

  /** Moves every value forward to time {@code now} (seconds), as an exporter would. */
  public void advance(double now) {
    double dt = now - last;
    if (dt <= 0) {
      dt = 1e-3;
    }
    last = now;
    for (int i = 0; i < val.length; i++) {
      double[] p = params.get(i);
      val[i] = next(kinds.get(i), val[i], p[0], p[1], p[2], dt, now);
    }
    for (Histogram h : hists) {
      advance(h, dt);
    }
  }

  private double next(
      ValueKind k, double v, double p1, double p2, double p3, double dt, double now) {
    return switch (k) {
      case CONSTANT, HISTOGRAM -> v;
      case COUNTER_INT -> v + (long) (p1 * dt * (0.5 + r.nextDouble()));
      case COUNTER_CENTISEC -> round(v + p1 * dt * (0.6 + 0.8 * r.nextDouble()), 2);
      case COUNTER_NS_FLOAT -> round(v + p1 * dt * (0.6 + 0.8 * r.nextDouble()), 9);
      case COUNTER_RARE -> r.nextDouble() < p1 * dt ? v + 1 + (long) (r.nextDouble() * 4) : v;
      case GAUGE_WALK_PAGES -> {
        long step = Math.floorDiv((long) (p1 * (r.nextDouble() - 0.5) * 2), 4096) * 4096;
        yield Math.min(Math.max(v + step, p2), p3);
      }
      case GAUGE_WALK_2DEC ->
          round(Math.max(0.0, v * 0.9 + p2 * 0.1 + (r.nextDouble() - 0.5) * 0.3), 2);
      case GAUGE_NOISE_FLOAT -> p2 * Math.exp((r.nextDouble() - 0.5) * 1.5);
      case TIMESTAMP_FLOAT -> round(now + r.nextDouble() * 1e-3, 6);
      case TIMESTAMP_INT -> Math.floor(now);
      case GAUGE_SMALL_INT -> (long) (r.nextDouble() * (p1 + 1));
      case GAUGE_WALK_INT ->
          Math.min(Math.max(v + (long) ((r.nextDouble() - 0.5) * 2 * p1), p2), p3);
    };
  }

  private void advance(Histogram h, double dt) {
    long n = (long) (h.rate * dt * (0.7 + 0.6 * r.nextDouble()));
    if (n > 0) {
      long prev = 0;
      for (int j = 0; j < h.cdf.length; j++) {
        long inc = j < h.cdf.length - 1 ? (long) (n * h.cdf[j] + r.nextDouble()) : n;
        inc = Math.max(inc, prev);
        h.counts[j] += inc;
        prev = inc;
      }
      h.sum = round(h.sum + n * h.mean * (0.8 + 0.4 * r.nextDouble()), 6);
    }
    int s = h.firstSeries;
    for (long c : h.counts) {
      val[s++] = c;
    }
    val[s++] = h.sum;
    val[s] = h.counts[h.counts.length - 1];
  }

  /**
   * Samples of every series of {@code targets} targets: {@code points} scrapes {@code stepMillis}
   * apart from {@code startMillis}, each scrape's timestamp moved by up to ±{@code jitterMillis} (0
   * for the benchmark's regular ingest data set; a few ms for real scrapes).
   */
  public static List<SeriesSamples> generate(
      int targets,
      int seriesPerTarget,
      int points,
      long startMillis,
      long stepMillis,
      int jitterMillis,
      long seed) {
    List<SeriesSamples> out = new ArrayList<>();
    SplittableRandom jitter = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int k = 0; k < targets; k++) {
      SyntheticTarget t =
          new SyntheticTarget(k, seriesPerTarget, seed, (startMillis - stepMillis) / 1000.0);
      int n = t.numSeries();
      long[] ts = new long[points];
      double[][] vs = new double[n][points];
      for (int p = 0; p < points; p++) {
        long nominal = startMillis + p * stepMillis;
        ts[p] =
            jitterMillis == 0 ? nominal : nominal + jitter.nextInt(-jitterMillis, jitterMillis + 1);
        t.advance(nominal / 1000.0);
        for (int s = 0; s < n; s++) {
          vs[s][p] = t.value(s);
        }
      }
      for (int s = 0; s < n; s++) {
        out.add(new SeriesSamples(t.kind(s), ts.clone(), vs[s]));
      }
    }
    return out;
  }
}
