package io.moraine.bench;

import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Appender;
import io.moraine.ingest.otlp.Encoding;
import io.moraine.ingest.otlp.OtlpOptions;
import io.moraine.ingest.otlp.OtlpReceiver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
 * OTLP decoding and conversion to Prometheus samples ({@link OtlpReceiver#export}) into an appender
 * that only counts: one request of {@value #METRICS} monotonic sums with {@value #POINTS} points
 * each (three attributes per point, four resource attributes), as protobuf or OTLP/JSON; scores in
 * data points per second.
 *
 * <pre>
 * ./mvnw -q -B -o -pl moraine-ingest,moraine-bench package -DskipTests
 * java -jar moraine-bench/target/benchmarks.jar Otlp -f 1 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-XX:+UseCompactObjectHeaders", "-Xmx1g"})
public class OtlpBenchmark {
  private static final int METRICS = 100;
  private static final int POINTS = 10;
  private static final long T = 1_700_000_000_000_000_000L;

  @Param({"PROTOBUF", "JSON"})
  public Encoding encoding = Encoding.PROTOBUF;

  private byte[] body = new byte[0];
  private final OtlpReceiver receiver = new OtlpReceiver(OtlpOptions.DEFAULT, new MetricRegistry());
  private final Appendable sink = CountingAppender::new;

  @Setup
  public void setUp() {
    body = encoding == Encoding.JSON ? json() : protobuf();
  }

  @Benchmark
  @OperationsPerInvocation(METRICS * POINTS)
  public long export() {
    return receiver.export(body, 0, body.length, encoding, sink).receivedPoints();
  }

  private static final class CountingAppender implements Appender {
    long n;

    @Override
    public long append(Labels labels, long t, double v) {
      return ++n;
    }

    @Override
    public long append(long ref, long t, double v) {
      return ++n;
    }

    @Override
    public void commit() {}

    @Override
    public void rollback() {}
  }

  private static String[] resource() {
    return new String[] {
      "service.name",
      "checkout",
      "service.instance.id",
      "pod-1",
      "host.name",
      "node-7",
      "cloud.region",
      "eu-1"
    };
  }

  private static byte[] json() {
    StringBuilder sb = new StringBuilder("{\"resourceMetrics\":[{\"resource\":{\"attributes\":[");
    String[] r = resource();
    for (int i = 0; i < r.length; i += 2) {
      sb.append(i == 0 ? "" : ",").append(jsonAttr(r[i], r[i + 1]));
    }
    sb.append("]},\"scopeMetrics\":[{\"scope\":{\"name\":\"bench\"},\"metrics\":[");
    for (int m = 0; m < METRICS; m++) {
      sb.append(m == 0 ? "" : ",")
          .append("{\"name\":\"app.requests.")
          .append(m)
          .append("\",\"unit\":\"{request}\",\"sum\":{\"dataPoints\":[");
      for (int p = 0; p < POINTS; p++) {
        sb.append(p == 0 ? "" : ",")
            .append("{\"attributes\":[")
            .append(jsonAttr("http.route", "/api/v" + p))
            .append(',')
            .append(jsonAttr("http.method", "GET"))
            .append(',')
            .append(jsonAttr("status", "200"))
            .append("],\"startTimeUnixNano\":\"")
            .append(T - 60_000_000_000L)
            .append("\",\"timeUnixNano\":\"")
            .append(T)
            .append("\",\"asInt\":\"")
            .append(m * 1000 + p)
            .append("\"}");
      }
      sb.append("],\"aggregationTemporality\":2,\"isMonotonic\":true}}");
    }
    return sb.append("]}]}]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String jsonAttr(String k, String v) {
    return "{\"key\":\"" + k + "\",\"value\":{\"stringValue\":\"" + v + "\"}}";
  }

  private static byte[] protobuf() {
    ByteArrayOutputStream res = new ByteArrayOutputStream();
    String[] r = resource();
    for (int i = 0; i < r.length; i += 2) {
      field(res, 1, attr(r[i], r[i + 1]));
    }
    ByteArrayOutputStream scope = new ByteArrayOutputStream();
    field(scope, 1, str(1, "bench"));
    for (int m = 0; m < METRICS; m++) {
      ByteArrayOutputStream sum = new ByteArrayOutputStream();
      for (int p = 0; p < POINTS; p++) {
        ByteArrayOutputStream pt = new ByteArrayOutputStream();
        field(pt, 7, attr("http.route", "/api/v" + p));
        field(pt, 7, attr("http.method", "GET"));
        field(pt, 7, attr("status", "200"));
        fixed64(pt, 2, T - 60_000_000_000L);
        fixed64(pt, 3, T);
        fixed64(pt, 6, m * 1000L + p);
        field(sum, 1, pt.toByteArray());
      }
      sum.writeBytes(new byte[] {0x10, 2, 0x18, 1}); // temporality 2, monotonic
      ByteArrayOutputStream metric = new ByteArrayOutputStream();
      metric.writeBytes(str(1, "app.requests." + m));
      metric.writeBytes(str(3, "{request}"));
      field(metric, 7, sum.toByteArray());
      field(scope, 2, metric.toByteArray());
    }
    ByteArrayOutputStream rm = new ByteArrayOutputStream();
    field(rm, 1, res.toByteArray());
    field(rm, 2, scope.toByteArray());
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    field(req, 1, rm.toByteArray());
    return req.toByteArray();
  }

  private static byte[] attr(String k, String v) {
    ByteArrayOutputStream kv = new ByteArrayOutputStream();
    kv.writeBytes(str(1, k));
    field(kv, 2, str(1, v));
    return kv.toByteArray();
  }

  private static byte[] str(int n, String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    field(out, n, s.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, int n, byte[] b) {
    varint(out, (long) n << 3 | 2);
    varint(out, b.length);
    out.writeBytes(b);
  }

  private static void fixed64(ByteArrayOutputStream out, int n, long v) {
    varint(out, (long) n << 3 | 1);
    for (int i = 0; i < 8; i++) {
      out.write((int) (v >>> (8 * i)) & 0xFF);
    }
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    long x = v;
    while ((x & ~0x7FL) != 0) {
      out.write((int) ((x & 0x7F) | 0x80));
      x >>>= 7;
    }
    out.write((int) x);
  }
}
