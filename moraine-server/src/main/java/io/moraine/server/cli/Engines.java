package io.moraine.server.cli;

import io.moraine.server.backfill.OpenMetricsImporter;
import io.moraine.server.store.StorageOpener;
import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The engines the commands drive: the store opener for {@code server} and the importer for {@code
 * import openmetrics}. The production jar finds them with {@link ServiceLoader} (one provider each,
 * listed in {@code META-INF/services}); tests pass their own.
 */
public record Engines(StorageOpener storage, OpenMetricsImporter importer) {
  public Engines {
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(importer, "importer");
  }

  /**
   * The engines registered as services. A missing one is replaced by one that fails with a clear
   * message when used, so that the other commands still work.
   *
   * @throws IllegalStateException when a service has more than one provider
   */
  public static Engines load() {
    StorageOpener storage =
        single(
            StorageOpener.class,
            (settings, registry) -> {
              throw new IllegalStateException(
                  "this build has no storage engine (no provider of "
                      + StorageOpener.class.getName()
                      + ")");
            });
    OpenMetricsImporter importer =
        single(
            OpenMetricsImporter.class,
            (file, dataDir, progress) -> {
              throw new IllegalStateException(
                  "this build has no OpenMetrics importer (no provider of "
                      + OpenMetricsImporter.class.getName()
                      + ")");
            });
    return new Engines(storage, importer);
  }

  private static <T> T single(Class<T> type, T missing) {
    Iterator<T> it = ServiceLoader.load(type).iterator();
    if (!it.hasNext()) {
      return missing;
    }
    T first = it.next();
    if (it.hasNext()) {
      throw new IllegalStateException("more than one provider of " + type.getName());
    }
    return first;
  }
}
