package io.moraine.core.discovery;

import java.util.List;
import java.util.function.Consumer;

/**
 * Finds scrape targets and reports them as they change. Implementations: static, file, HTTP and
 * Kubernetes discovery.
 *
 * <p>Contract: after {@link #start}, the discoverer calls {@code updates} from its own thread with
 * the groups that changed since its last call (the first call carries every group it knows). A
 * group replaces the earlier group of the same {@link TargetGroup#source}; a group with no targets
 * removes it. Calls are never concurrent with each other. A failing source is logged and counted by
 * the implementation, and its last good groups stay in place. {@link #close} stops the discoverer
 * and returns once it will make no more calls.
 */
public interface Discoverer extends AutoCloseable {
  /**
   * Starts discovery.
   *
   * @param updates receives changed groups; must not block for long
   * @throws IllegalStateException when started twice
   */
  void start(Consumer<List<TargetGroup>> updates);

  @Override
  void close();
}
