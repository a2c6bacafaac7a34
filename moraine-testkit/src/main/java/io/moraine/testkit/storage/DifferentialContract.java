package io.moraine.testkit.storage;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A seeded random workload compared operation by operation with {@link ReferenceStorage}: append
 * outcomes, selects (labels and every sample, bit-exact), label names and values, time bounds.
 *
 * <p>The seed is random per run unless the system property {@code moraine.testkit.seed} is set; a
 * failure names the seed and the last operations, so that it can be replayed.
 */
public interface DifferentialContract extends StorageFixture {
  /** The system property that fixes the seed of the differential workload. */
  String SEED_PROPERTY = "moraine.testkit.seed";

  @Test
  default void randomWorkloadMatchesTheReferenceStorage() {
    Long fixed = Long.getLong(SEED_PROPERTY);
    long seed = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
    DifferentialWorkload workload = new DifferentialWorkload(storage(), seed);
    try {
      workload.run(differentialOperations());
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(
          "differential workload failed with seed "
              + seed
              + " (replay with -D"
              + SEED_PROPERTY
              + "="
              + seed
              + "); last operations:\n"
              + workload.recentOps(),
          e);
    }
  }
}
