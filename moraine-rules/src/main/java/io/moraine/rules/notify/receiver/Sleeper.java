package io.moraine.rules.notify.receiver;

/** Waits between retries; tests pass one that moves a manual clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** Waits {@code millis} ms (at least 0). */
  void sleep(long millis) throws InterruptedException;

  /** Sleeps the calling thread. */
  Sleeper THREAD = Thread::sleep;
}
