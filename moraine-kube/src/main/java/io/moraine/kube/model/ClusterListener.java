package io.moraine.kube.model;

/**
 * Told of every change of the watched site, one at a time, in the order they happened. A listener
 * must be quick (hand slow work to its own thread) and must not throw.
 */
@FunctionalInterface
public interface ClusterListener {
  void onChange(ModelChange change, ClusterState now);
}
