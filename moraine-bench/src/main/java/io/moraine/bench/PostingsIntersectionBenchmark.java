package io.moraine.bench;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.testkit.data.SeriesGenerator;
import io.moraine.tsdb.index.BlockIndexReader;
import io.moraine.tsdb.index.ChunkMeta;
import io.moraine.tsdb.index.IndexWriter;
import io.moraine.tsdb.index.PostingsForMatchers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.roaringbitmap.RoaringBitmap;

/**
 * Postings intersections on a block index of farm-shaped series (50 or 500 targets x 2,000 series:
 * 100k or 1M series), postings read from the mapped index.
 *
 * <p>Run: {@code ./mvnw -q -B -pl moraine-bench -am package -DskipTests && java -jar
 * moraine-bench/target/benchmarks.jar PostingsIntersection -f 1 -wi 2 -i 3 -w 2s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PostingsIntersectionBenchmark {
  @Param({"50", "500"})
  public int targets;

  private Path dir = Path.of("unset");

  @SuppressWarnings("NullAway.Init") // set by the JMH setup before any benchmark runs
  private BlockIndexReader index;

  private RoaringBitmap metric = new RoaringBitmap(); // one cAdvisor metric: 1/24 of containers
  private RoaringBitmap instance = new RoaringBitmap(); // one target: 1/targets, strided
  private RoaringBitmap namespace = new RoaringBitmap(); // one of 8 namespaces, scattered
  private Matcher[] selector = new Matcher[0];

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("postings-bench");
    List<Labels> series = new ArrayList<>(new SeriesGenerator(42, "farm").series(targets, 2000));
    series.sort(null);
    Path file = dir.resolve("index");
    try (IndexWriter w = new IndexWriter(file)) {
      long ref = 0;
      for (Labels l : series) {
        w.addSeries(l, List.of(new ChunkMeta(ref, 0, 7_200_000)));
        ref += 150;
      }
    }
    series = List.of();
    index = BlockIndexReader.open(file);
    metric = index.postings("__name__", "container_memory_rss");
    instance = index.postings("instance", "127.0.0.1:19107");
    namespace = index.postings("namespace", "prod");
    selector =
        new Matcher[] {
          Matcher.eq("__name__", "node_cpu_seconds_total"),
          Matcher.eq("job", "farm"),
          Matcher.re("instance", "127.0.0.1:19100|127.0.0.1:19101")
        };
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    index.close();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  /** {@code __name__="container_memory_rss"} and {@code instance="..."}, bitmaps in hand. */
  @Benchmark
  public int intersect2() {
    return RoaringBitmap.andCardinality(metric, instance);
  }

  /** The same plus {@code namespace="prod"}, materialising the intermediate result. */
  @Benchmark
  public int intersect3() {
    return RoaringBitmap.and(RoaringBitmap.and(metric, instance), namespace).getCardinality();
  }

  /** Reading the three postings from the mapped index, then intersecting them. */
  @Benchmark
  public int readAndIntersect3() {
    RoaringBitmap a = index.postings("__name__", "container_memory_rss");
    a.and(index.postings("instance", "127.0.0.1:19107"));
    a.and(index.postings("namespace", "prod"));
    return a.getCardinality();
  }

  /** {@code {__name__="node_cpu_seconds_total", job="farm", instance=~"a|b"}} end to end. */
  @Benchmark
  public int selectMatchers() {
    return PostingsForMatchers.select(index, selector).getCardinality();
  }
}
