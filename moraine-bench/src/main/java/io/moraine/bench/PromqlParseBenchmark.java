package io.moraine.bench;

import io.moraine.promql.ast.Expr;
import io.moraine.promql.parser.Parser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Parse time of the shared harness's dashboard queries (../shared/bench/query_bench.py), one query
 * per parameter value.
 *
 * <pre>
 * ./mvnw -q -B -pl moraine-bench -am package -DskipTests
 * java -jar moraine-bench/target/benchmarks.jar PromqlParseBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class PromqlParseBenchmark {
  @Param({
    "sum by (mode) (rate(node_cpu_seconds_total[1m]))",
    "histogram_quantile(0.99, sum by (le, handler) (rate(http_request_duration_seconds_bucket[5m])))",
    "sum by (instance) (rate(node_network_receive_bytes_total{device=~\"eth.*|cni.*\"}[1m]))",
    "sum by (nodename, namespace) (container_memory_working_set_bytes * on (instance)"
        + " group_left (nodename) node_uname_info)",
    "1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes"
  })
  @SuppressWarnings("NullAway.Init") // set by JMH
  public String query;

  @Benchmark
  public Expr parse() {
    return Parser.parse(query);
  }
}
