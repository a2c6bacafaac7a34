package io.moraine.agent.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CollectorSetTest {
  private static Collector of(String name, boolean fail) {
    return new Collector() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void collect(MetricWriter out) throws IOException {
        out.family(name + "_value", MetricType.GAUGE, "test");
        out.sample(1);
        if (fail) {
          throw new IOException("/proc/" + name + ": permission denied");
        }
      }
    };
  }

  @Test
  void aFailingCollectorReportsZeroAndTheOthersStillAnswer() throws IOException {
    AtomicLong nanos = new AtomicLong();
    CollectorSet set =
        new CollectorSet(
            List.of(of("first", false), of("broken", true), of("last", false)),
            () -> nanos.addAndGet(2_500_000));
    Recorded r = new Recorded();
    set.collect(r);
    assertThat(r.value("moraine_agent_collector_success", "collector", "first")).isEqualTo(1);
    assertThat(r.value("moraine_agent_collector_success", "collector", "broken")).isZero();
    assertThat(r.value("moraine_agent_collector_success", "collector", "last")).isEqualTo(1);
    assertThat(r.value("moraine_agent_collector_duration_seconds", "collector", "last"))
        .isEqualTo(0.0025);
    // what the broken collector wrote before failing stays; the later collector still ran
    assertThat(r.families()).containsKeys("first_value", "broken_value", "last_value");
  }

  @Test
  void aCollectorThatRecoversReportsOneAgain() throws IOException {
    boolean[] fail = {true};
    Collector flaky =
        new Collector() {
          @Override
          public String name() {
            return "flaky";
          }

          @Override
          public void collect(MetricWriter out) throws IOException {
            if (fail[0]) {
              throw new IOException("not yet");
            }
          }
        };
    CollectorSet set = new CollectorSet(List.of(flaky), System::nanoTime);
    Recorded first = new Recorded();
    set.collect(first);
    fail[0] = false;
    Recorded second = new Recorded();
    set.collect(second);
    assertThat(first.value("moraine_agent_collector_success", "collector", "flaky")).isZero();
    assertThat(second.value("moraine_agent_collector_success", "collector", "flaky")).isEqualTo(1);
  }

  @Test
  void namesMustBeUnique() {
    assertThatThrownBy(
            () -> new CollectorSet(List.of(of("a", false), of("a", false)), System::nanoTime))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("collector a given twice");
  }
}
