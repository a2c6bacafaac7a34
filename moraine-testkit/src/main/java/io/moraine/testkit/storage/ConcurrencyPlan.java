package io.moraine.testkit.storage;

/** Sizes of the concurrency contract: enough interleaving to find races, fast on two cores. */
final class ConcurrencyPlan {
  static final int THREADS = 4;
  static final int SAMPLES = 300;

  private ConcurrencyPlan() {}
}
