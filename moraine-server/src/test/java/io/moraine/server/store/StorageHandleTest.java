package io.moraine.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StorageHandleTest {
  private static final StorageSettings SETTINGS =
      new StorageSettings(Path.of("data"), 0, 0, Clock.SYSTEM);

  @Test
  void readyOnlyBetweenOpenAndClose() {
    InMemoryStorage store = new InMemoryStorage();
    StorageHandle h = new StorageHandle((s, r) -> store, SETTINGS, new MetricRegistry());
    assertThat(h.isReady()).isFalse();
    assertThatThrownBy(h::storage).isInstanceOf(NotReadyException.class);
    h.open();
    assertThat(h.isReady()).isTrue();
    assertThat(h.storage()).isSameAs(store);
    h.close();
    h.close();
    assertThat(h.isReady()).isFalse();
    assertThat(store.closeCalls()).isEqualTo(1);
    assertThatThrownBy(h::open).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closeDuringOpenWaitsAndThenClosesTheStore() throws Exception {
    InMemoryStorage store = new InMemoryStorage();
    CountDownLatch opening = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StorageHandle h =
        new StorageHandle(
            (s, r) -> {
              opening.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return store;
            },
            SETTINGS,
            new MetricRegistry());
    Thread opener = Thread.ofVirtual().start(h::open);
    assertThat(opening.await(5, TimeUnit.SECONDS)).isTrue();
    AtomicReference<Boolean> closedEarly = new AtomicReference<>(false);
    Thread closer =
        Thread.ofVirtual()
            .start(
                () -> {
                  h.close();
                  closedEarly.set(store.closeCalls() == 1);
                });
    Thread.sleep(50);
    assertThat(store.closeCalls()).isZero();
    release.countDown();
    opener.join(5000);
    closer.join(5000);
    assertThat(closedEarly.get()).isTrue();
    assertThat(h.isReady()).isFalse();
  }

  @Test
  void failedOpenLeavesTheHandleNotReady() {
    StorageHandle h =
        new StorageHandle(
            (s, r) -> {
              throw new IllegalStateException("locked");
            },
            SETTINGS,
            new MetricRegistry());
    assertThatThrownBy(h::open).hasMessage("locked");
    assertThat(h.isReady()).isFalse();
    h.close();
  }
}
