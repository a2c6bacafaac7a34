package io.moraine.server.cli;

/**
 * Where the server registers what to do when the process is asked to stop. The JVM's hooks run on
 * SIGTERM, SIGINT and {@link System#exit}; tests run the action themselves.
 */
@FunctionalInterface
interface ShutdownHooks {
  /** Runs {@code action} once when the process stops; the process waits for it to return. */
  void onShutdown(Runnable action);

  /** The JVM's shutdown hooks. */
  ShutdownHooks JVM =
      action -> Runtime.getRuntime().addShutdownHook(new Thread(action, "moraine-shutdown"));
}
