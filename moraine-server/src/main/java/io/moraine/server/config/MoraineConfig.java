package io.moraine.server.config;

import java.util.List;
import java.util.Objects;

/**
 * The whole configuration file ({@code moraine.yml}). Immutable.
 *
 * @param global the {@code global} section
 * @param storage the {@code storage} section
 * @param ignored dotted paths of sections and fields that were accepted (an existing prometheus.yml
 *     loads unchanged) but are not acted on by this version; the server logs a note for each
 */
public record MoraineConfig(GlobalConfig global, StorageConfig storage, List<String> ignored) {
  /** The configuration with no file at all: a single machine, data in {@code ./data}. */
  public static final MoraineConfig DEFAULT =
      new MoraineConfig(GlobalConfig.DEFAULT, StorageConfig.DEFAULT, List.of());

  public MoraineConfig {
    Objects.requireNonNull(global, "global");
    Objects.requireNonNull(storage, "storage");
    ignored = List.copyOf(ignored);
  }

  public MoraineConfig withStorage(StorageConfig s) {
    return new MoraineConfig(global, s, ignored);
  }
}
