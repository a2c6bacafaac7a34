package io.moraine.logs.logql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.logs.logql.ast.LineFilter;
import io.moraine.logs.logql.ast.LineFilterOp;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A filter-only pipeline allocates nothing per entry. */
class AllocationTest {
  @Test
  void filterOnlyPipelineDoesNotAllocatePerEntry() {
    StreamPipeline sp =
        Pipelines.compile(
                List.of(
                    new LineFilter(
                        LineFilterOp.CONTAINS, List.of(new LineFilter.Value("GET", false))),
                    new LineFilter(
                        LineFilterOp.NOT_CONTAINS, List.of(new LineFilter.Value("healthz", false))),
                    new LineFilter(
                        LineFilterOp.MATCHES_REGEX,
                        List.of(new LineFilter.Value("status=5\\d\\d", false))),
                    new LineFilter(
                        LineFilterOp.MATCHES_REGEX,
                        List.of(new LineFilter.Value("(?i)error|fail", false)))))
            .forStream(Labels.of("app", "web"));
    byte[][] lines = {
      "level=error GET /api status=503 msg=\"upstream failed\"".getBytes(StandardCharsets.UTF_8),
      "level=info GET /healthz status=200".getBytes(StandardCharsets.UTF_8),
      "level=info POST /api status=500 Error".getBytes(StandardCharsets.UTF_8),
    };
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().threadId();
    int kept = run(sp, lines, 20_000); // warm up (JIT, lazily grown buffers)
    long before = mx.getThreadAllocatedBytes(tid);
    kept += run(sp, lines, 100_000);
    long allocated = mx.getThreadAllocatedBytes(tid) - before;
    assertThat(kept).isEqualTo(6_667 + 33_334); // every third line passes
    assertThat(allocated).isLessThan(1024);
  }

  private static int run(StreamPipeline sp, byte[][] lines, int n) {
    int kept = 0;
    for (int i = 0; i < n; i++) {
      byte[] l = lines[i % lines.length];
      if (sp.process(i, l, 0, l.length, Labels.EMPTY) && sp.labels().size() == 1) {
        kept++;
      }
    }
    return kept;
  }
}
