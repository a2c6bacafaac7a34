package io.moraine.logs.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.logs.LogAppendable;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogEntryRejectedException;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ForwardingLogAppendableTest {
  private static final Labels S = Labels.of("job", "x");

  /** Accepts lines unless they start with "bad"; fails commit when told to. */
  private static final class Store implements LogAppendable {
    final List<String> committed = new ArrayList<>();
    boolean failCommit;

    @Override
    public LogAppender appender(String tenant) {
      return new LogAppender() {
        final List<String> batch = new ArrayList<>();

        @Override
        public void append(
            Labels stream, long ts, byte[] line, int offset, int length, Labels metadata) {
          String s = new String(line, offset, length, StandardCharsets.UTF_8);
          if (s.startsWith("bad")) {
            throw new LogEntryRejectedException("line_too_long", "bad line " + s);
          }
          batch.add(s);
        }

        @Override
        public int commit() {
          if (failCommit) {
            throw new UncheckedIOException(new java.io.IOException("disk full"));
          }
          committed.addAll(batch);
          return batch.size();
        }

        @Override
        public void rollback() {
          batch.clear();
        }
      };
    }
  }

  private LokiReceiver loki;
  private LokiForwarder forwarder;
  private final Store store = new Store();

  @BeforeEach
  void setUp() throws Exception {
    loki = new LokiReceiver();
    forwarder =
        LokiForwarder.start(
            LokiForwarderTest.options(loki.url(), null, Map.of(), 20, 1 << 20, 1 << 20, 3),
            Clock.SYSTEM,
            new ForwardMetrics(new MetricRegistry()));
  }

  @AfterEach
  void tearDown() {
    forwarder.close();
    loki.close();
    assertThat(loki.errors()).isEmpty();
  }

  @Test
  void forwardsOnlyAcceptedEntriesOfCommittedBatches() {
    LogAppendable tee = ForwardingLogAppendable.tee(store, List.of(forwarder));

    LogAppender a = tee.appender("t1");
    byte[] reused = "ok-1 and some tail".getBytes(StandardCharsets.UTF_8);
    a.append(S, 1, reused, 0, 4, Labels.EMPTY);
    reused[3] = '9'; // the caller reuses its array: the forwarded copy must not change
    assertThatThrownBy(() -> a.append(S, 2, "bad-2", Labels.EMPTY))
        .isInstanceOf(LogEntryRejectedException.class);
    a.append(S, 3, "ok-3", Labels.of("trace_id", "t"));
    assertThat(a.commit()).isEqualTo(2);

    LogAppender rolledBack = tee.appender("t1");
    rolledBack.append(S, 4, "rolled-back", Labels.EMPTY);
    rolledBack.rollback();

    store.failCommit = true;
    LogAppender failing = tee.appender("t1");
    failing.append(S, 5, "not-durable", Labels.EMPTY);
    assertThatThrownBy(failing::commit).isInstanceOf(UncheckedIOException.class);
    store.failCommit = false;

    LogAppender other = tee.appender("t2");
    other.append(S, 6, "ok-6", Labels.EMPTY);
    other.commit();

    forwarder.close();
    assertThat(store.committed).containsExactly("ok-1", "ok-3", "ok-6");
    assertThat(loki.acceptedLines()).containsExactlyInAnyOrder("ok-1", "ok-3", "ok-6");
    assertThat(loki.requests())
        .extracting(r -> r.header("X-Scope-OrgID") + "=" + r.lines())
        .containsExactlyInAnyOrder("t1=[ok-1, ok-3]", "t2=[ok-6]");
  }

  @Test
  void withoutForwardersTheInnerAppendableIsReturned() {
    assertThat(ForwardingLogAppendable.tee(store, List.of())).isSameAs(store);
  }
}
