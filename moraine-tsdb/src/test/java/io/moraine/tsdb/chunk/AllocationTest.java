package io.moraine.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hot paths allocate nothing once their buffers have grown. */
class AllocationTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static long allocated(Runnable r) {
    long id = Thread.currentThread().threadId();
    long before = THREADS.getThreadAllocatedBytes(id);
    r.run();
    return THREADS.getThreadAllocatedBytes(id) - before;
  }

  private static final int N = 720;
  private final long[] ts = new long[N];
  private final double[] vs = new double[N];
  private final XorAppender appender = new XorAppender();
  private final DenseEncoder dense = new DenseEncoder();
  private final ChunkIterator it = new ChunkIterator();
  private byte[] xorChunk = new byte[0];
  private byte[] denseChunk = new byte[0];
  private long sink;
  private long[] kept = new long[0];

  AllocationTest() {
    SplittableRandom r = new SplittableRandom(1);
    double v = 1e9;
    for (int i = 0; i < N; i++) {
      ts[i] = 1_700_000_000_000L + i * 10_000L + r.nextInt(3);
      v += r.nextInt(100_000);
      vs[i] = i % 100 == 7 ? Double.NaN : v;
    }
  }

  private void appendAll() {
    appender.reset();
    for (int i = 0; i < N; i++) {
      appender.append(ts[i], vs[i]);
    }
  }

  private void iterate(Encoding enc, byte[] chunk) {
    it.reset(enc, chunk, 0, chunk.length);
    while (it.next()) {
      sink += it.atT();
    }
    it.reset(enc, chunk, 0, chunk.length);
    it.seek(ts[N / 2]);
    sink += it.atT();
  }

  @Test
  void steadyStateAppendEncodeAndIterateAllocateNothing() {
    for (int warm = 0; warm < 200; warm++) {
      appendAll();
      xorChunk = Arrays.copyOf(appender.bytes(), appender.length());
      int len = dense.encode(ts, vs, N);
      denseChunk = Arrays.copyOf(dense.bytes(), len);
      iterate(Encoding.XOR, xorChunk);
      iterate(Encoding.DENSE, denseChunk);
    }
    assertThat(allocated(() -> kept = new long[1000]))
        .as("the probe sees allocations")
        .isPositive();
    assertThat(allocated(this::appendAll)).isZero();
    assertThat(allocated(() -> dense.encode(ts, vs, N))).isZero();
    assertThat(allocated(() -> iterate(Encoding.XOR, xorChunk))).isZero();
    assertThat(allocated(() -> iterate(Encoding.DENSE, denseChunk))).isZero();
    assertThat(sink).isNotZero();
  }
}
