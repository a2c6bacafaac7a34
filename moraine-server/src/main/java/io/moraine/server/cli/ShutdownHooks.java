package io.moraine.server.cli;

/**
 * Where the server registers what to do when the process is asked to stop (SIGTERM, SIGINT, {@link
 * System#exit}) or to reload its configuration (SIGHUP); tests run the actions themselves.
 */
@FunctionalInterface
interface ShutdownHooks {
  /** Runs {@code action} once when the process stops; the process waits for it to return. */
  void onShutdown(Runnable action);

  /** Runs {@code action} each time the process is asked to reload (SIGHUP); none by default. */
  default void onReload(Runnable action) {}

  /** The JVM's shutdown hooks, and SIGHUP for reloads. */
  ShutdownHooks JVM =
      new ShutdownHooks() {
        @Override
        public void onShutdown(Runnable action) {
          Runtime.getRuntime().addShutdownHook(new Thread(action, "moraine-shutdown"));
        }

        @Override
        public void onReload(Runnable action) {
          try {
            sun.misc.Signal.handle(
                new sun.misc.Signal("HUP"),
                sig -> Thread.ofVirtual().name("moraine-reload").start(action));
          } catch (IllegalArgumentException e) {
            // no SIGHUP on this platform: POST /-/reload still works
          }
        }
      };
}
