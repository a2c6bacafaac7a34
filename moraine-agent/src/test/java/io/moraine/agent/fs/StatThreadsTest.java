package io.moraine.agent.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatThreadsTest {
  private final StatThreads threads = new StatThreads();

  private FutureTask<Thread> run(Runnable body) {
    FutureTask<Thread> task =
        new FutureTask<>(
            () -> {
              body.run();
              return Thread.currentThread();
            });
    threads.execute(task);
    return task;
  }

  @Test
  void anIdleThreadTakesTheNextCall() throws Exception {
    Thread first = run(() -> {}).get(5, TimeUnit.SECONDS);
    // the worker parks itself after the call; give it the moment it needs
    Thread second = null;
    for (int i = 0; i < 50 && second != first; i++) {
      Thread.sleep(20);
      second = run(() -> {}).get(5, TimeUnit.SECONDS);
    }
    assertThat(second).isSameAs(first);
    assertThat(first.getName()).isEqualTo("moraine-agent-statvfs");
    assertThat(first.isDaemon()).isTrue();
  }

  @Test
  void aStuckCallDoesNotHoldUpTheNext() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FutureTask<Thread> stuck =
        run(
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Thread other = run(() -> {}).get(5, TimeUnit.SECONDS);
    assertThat(stuck.isDone()).isFalse();
    release.countDown();
    assertThat(stuck.get(5, TimeUnit.SECONDS)).isNotSameAs(other);
  }

  @Test
  void aFailingCallReachesItsCallerAndTheThreadGoesOn() throws Exception {
    FutureTask<Thread> failing =
        run(
            () -> {
              throw new IllegalStateException("boom");
            });
    assertThat(failing)
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withMessageContaining("boom");
    assertThat(run(() -> {}).get(5, TimeUnit.SECONDS).isAlive()).isTrue();
  }
}
