package io.moraine.bench.logs;

import io.moraine.core.labels.Labels;
import io.moraine.logs.logql.ast.JsonParser;
import io.moraine.logs.logql.ast.LabelFilter;
import io.moraine.logs.logql.ast.LabelFilterStage;
import io.moraine.logs.logql.ast.LineFilter;
import io.moraine.logs.logql.ast.LineFilterOp;
import io.moraine.logs.logql.ast.LogfmtParser;
import io.moraine.logs.logql.ast.Stage;
import io.moraine.logs.logql.pipeline.Pipelines;
import io.moraine.logs.logql.pipeline.StreamPipeline;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * LogQL pipelines over {@value #LINES} synthetic JSON access-log lines of about 200 bytes; scores
 * in lines per second.
 *
 * <ul>
 *   <li>{@code contains}: {@code |= "status\":503"} (about 1 line in 20 passes)
 *   <li>{@code regex}: {@code |~ "(?i)timeout|refused"} (a case-insensitive literal shortcut)
 *   <li>{@code json}: {@code | json | status >= 500} (every line parsed)
 *   <li>{@code logfmt}: the same lines as logfmt, {@code | logfmt | status >= 500}
 * </ul>
 *
 * <pre>
 * ./mvnw -q -B -pl moraine-logs,moraine-bench -am package -DskipTests
 * java -jar moraine-bench/target/benchmarks.jar PipelineBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-XX:+UseCompactObjectHeaders", "-Xmx1g"})
public class PipelineBenchmark {
  private static final int LINES = 10_000;
  private static final String[] PATHS = {"/api/v1/query", "/api/v1/push", "/healthz", "/metrics"};
  private static final String[] MSGS = {"ok", "upstream timeout", "connection refused", "done"};

  @Param({"contains", "regex", "json", "logfmt"})
  public String shape = "contains";

  private byte[][] lines = new byte[0][];
  private StreamPipeline pipeline = Pipelines.compile(List.of()).forStream(Labels.EMPTY);

  @Setup
  public void setup() {
    Random r = new Random(42);
    boolean logfmt = shape.equals("logfmt");
    lines = new byte[LINES][];
    for (int i = 0; i < LINES; i++) {
      int status = r.nextInt(20) == 0 ? 503 : 200;
      String path = PATHS[r.nextInt(PATHS.length)];
      String msg = MSGS[r.nextInt(MSGS.length)];
      long latency = r.nextInt(5000);
      String line =
          logfmt
              ? "ts=2024-05-01T10:00:00Z level=info method=GET path="
                  + path
                  + " status="
                  + status
                  + " latency_ms="
                  + latency
                  + " msg=\""
                  + msg
                  + "\" trace_id=a1b2c3d4e5f6"
                  + i
              : "{\"ts\":\"2024-05-01T10:00:00Z\",\"level\":\"info\",\"method\":\"GET\",\"path\":\""
                  + path
                  + "\",\"status\":"
                  + status
                  + ",\"latency_ms\":"
                  + latency
                  + ",\"msg\":\""
                  + msg
                  + "\",\"trace_id\":\"a1b2c3d4e5f6"
                  + i
                  + "\",\"req\":{\"bytes\":512,\"proto\":\"HTTP/1.1\"}}";
      lines[i] = line.getBytes(StandardCharsets.UTF_8);
    }
    pipeline = Pipelines.compile(stages()).forStream(Labels.of("app", "api", "env", "prod"));
  }

  private List<Stage> stages() {
    LabelFilterStage status5xx =
        new LabelFilterStage(
            new LabelFilter.NumberFilter("status", LabelFilter.Comparison.GTE, 500));
    return switch (shape) {
      case "contains" ->
          List.of(
              new LineFilter(
                  LineFilterOp.CONTAINS, List.of(new LineFilter.Value("status\":503", false))));
      case "regex" ->
          List.of(
              new LineFilter(
                  LineFilterOp.MATCHES_REGEX,
                  List.of(new LineFilter.Value("(?i)timeout|refused", false))));
      case "json" -> List.of(new JsonParser(List.of()), status5xx);
      case "logfmt" -> List.of(new LogfmtParser(false, false, List.of()), status5xx);
      default -> throw new IllegalArgumentException("unknown shape " + shape);
    };
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public int run() {
    int kept = 0;
    for (int i = 0; i < LINES; i++) {
      byte[] l = lines[i];
      if (pipeline.process(i, l, 0, l.length, Labels.EMPTY)
          && pipeline.labels().get("__error__") == null) {
        kept++;
      }
    }
    return kept;
  }
}
