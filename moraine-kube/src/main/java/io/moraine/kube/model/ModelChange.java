package io.moraine.kube.model;

/** One change to a {@link ClusterState}, as a listener is told of it. */
public sealed interface ModelChange {
  /** An object appeared or changed; {@code object} is its new value (one of the *Info records). */
  record Upserted(ObjectRef ref, Record object) implements ModelChange {}

  /** An object is gone from the API; {@code last} is its last value with deletedAt set. */
  record Removed(ObjectRef ref, Record last) implements ModelChange {}

  /** A workload or pod started, stopped or failed. */
  record Lifecycle(LifecycleEvent event) implements ModelChange {}

  /** A kept Event (OOMKilled, eviction, failed scheduling). */
  record Event(EventInfo event) implements ModelChange {}

  /**
   * The watches were (re)listed: {@code state} is the whole truth now; objects a listener knows and
   * {@code state} lacks were removed while nobody watched (at restart or after a watch gap).
   */
  record Resynced(ClusterState state) implements ModelChange {}
}
