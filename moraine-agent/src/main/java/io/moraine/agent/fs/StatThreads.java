package io.moraine.agent.fs;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Runs statvfs calls on daemon threads so that a hung mount (NFS) never blocks a scrape: an idle
 * thread takes the next call, else a new thread is started; a thread left idle for a minute ends. A
 * call stuck in the kernel keeps its thread, and later calls run on others.
 *
 * <p>The behaviour of {@code Executors.newCachedThreadPool} without its hand-off queue, whose
 * classes (SynchronousQueue, LinkedTransferQueue, ForkJoinPool) the agent otherwise never loads.
 * Thread-safe.
 */
final class StatThreads implements Executor {
  private static final long IDLE_MILLIS = 60_000;

  private final ArrayDeque<Worker> idle = new ArrayDeque<>();

  @Override
  public void execute(Runnable task) {
    Worker w;
    synchronized (this) {
      w = idle.pollLast();
    }
    if (w == null || !w.offer(task)) {
      Worker fresh = new Worker(task);
      Thread t = new Thread(fresh, "moraine-agent-statvfs");
      t.setDaemon(true);
      t.start();
    }
  }

  private synchronized void parked(Worker w) {
    idle.addLast(w);
  }

  private synchronized void expired(Worker w) {
    idle.remove(w);
  }

  private final class Worker implements Runnable {
    private @Nullable Runnable next;
    private boolean done;

    Worker(Runnable first) {
      this.next = first;
    }

    /** Hands {@code task} to this idle worker; false when it has already ended. */
    synchronized boolean offer(Runnable task) {
      if (done) {
        return false;
      }
      next = task;
      notifyAll();
      return true;
    }

    @Override
    public void run() {
      Runnable task = next;
      while (task != null) {
        try {
          task.run();
        } catch (RuntimeException e) {
          // FutureTask keeps the failure for the caller; nothing else is submitted here.
        }
        task = await();
      }
    }

    private @Nullable Runnable await() {
      synchronized (this) {
        next = null;
      }
      parked(this);
      synchronized (this) {
        long end = System.currentTimeMillis() + IDLE_MILLIS;
        while (next == null) {
          long left = end - System.currentTimeMillis();
          if (left <= 0) {
            done = true;
            break;
          }
          try {
            wait(left);
          } catch (InterruptedException e) {
            done = true;
            break;
          }
        }
        if (done) {
          expired(this);
          return null;
        }
        return next;
      }
    }
  }
}
