package io.moraine.server.config;

import java.util.Objects;

/**
 * The {@code storage} section. Its keys are Moraine's own (a superset of prometheus.yml's), so an
 * unknown key is an error.
 *
 * @param tsdb the embedded metrics store
 * @param maxExemplars {@code storage.exemplars.max_exemplars} (parsed for prometheus.yml
 *     compatibility; exemplars are not stored yet)
 */
public record StorageConfig(TsdbConfig tsdb, long maxExemplars) {
  /** Prometheus' default of 100000 exemplars. */
  public static final StorageConfig DEFAULT = new StorageConfig(TsdbConfig.DEFAULT, 100_000);

  public StorageConfig {
    Objects.requireNonNull(tsdb, "tsdb");
  }

  public StorageConfig withTsdb(TsdbConfig t) {
    return new StorageConfig(t, maxExemplars);
  }
}
