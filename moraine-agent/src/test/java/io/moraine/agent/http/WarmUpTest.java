package io.moraine.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.collector.MetricType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The start-up warm-up scrapes the real server over loopback, every format and encoding. */
class WarmUpTest {
  @Test
  void scrapesTheServerTheGivenNumberOfTimes() throws IOException {
    AtomicInteger pages = new AtomicInteger();
    InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 0);
    try (AgentHttpServer server =
        AgentHttpServer.start(
            listen,
            out -> {
              pages.incrementAndGet();
              out.family("demo_total", MetricType.COUNTER, "Demo.");
              out.sample("code", "200", pages.get());
            })) {
      assertThat(WarmUp.run(listen, server.port(), 7, 10_000)).isEqualTo(7);
      assertThat(pages.get()).isEqualTo(7);
      assertThat(WarmUp.run(listen, server.port(), 0, 10_000)).isZero();
      assertThat(pages.get()).isEqualTo(7);
    }
  }

  @Test
  void aFailingPageEndsTheWarmUpWithoutThrowing() throws IOException {
    InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 0);
    try (AgentHttpServer server =
        AgentHttpServer.start(
            listen,
            out -> {
              throw new IOException("disk gone");
            })) {
      assertThat(WarmUp.run(listen, server.port(), 5, 10_000)).isZero();
    }
  }

  @Test
  void nothingListeningIsReportedAsNoRounds() {
    InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 0);
    assertThat(WarmUp.run(listen, 1, 3, 2_000)).isZero();
  }
}
