package io.moraine.ingest.discovery;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The one thread of a discoverer: started once, stopped by {@link #close} which interrupts it and
 * waits for it to end (unless called from that thread, from inside an update). Thread-safe.
 */
final class DiscoveryThread {
  private final String name;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean closed;
  private volatile @Nullable Thread thread;

  DiscoveryThread(String name) {
    this.name = name;
  }

  /**
   * Runs {@code body} on a new daemon thread.
   *
   * @throws IllegalStateException when started twice or after close
   */
  void start(Runnable body) {
    if (closed) {
      throw new IllegalStateException(name + " was closed");
    }
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException(name + " was started twice");
    }
    thread = Thread.ofPlatform().daemon().name(name).start(body);
  }

  /** True once {@link #close} was called; the body checks it between steps. */
  boolean closed() {
    return closed;
  }

  /** Stops the thread and waits for it, so that no update follows this call. Idempotent. */
  void close() {
    closed = true;
    Thread t = thread;
    if (t == null || t == Thread.currentThread()) {
      return;
    }
    t.interrupt();
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
