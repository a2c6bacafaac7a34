package io.moraine.server.store;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Storage;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one store, with its lifecycle: not ready until {@link #open} returns, ready until
 * {@link #close} begins, closed exactly once. Thread-safe: {@link #isReady} and {@link #storage}
 * never block; {@link #close} waits for an {@link #open} in progress, so that a shutdown during WAL
 * replay still closes the store cleanly.
 */
public final class StorageHandle implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StorageHandle.class);

  private final StorageOpener opener;
  private final UnaryOperator<Storage> wrapper;
  private final StorageSettings settings;
  private final MetricRegistry registry;
  private volatile @Nullable Storage storage;
  private volatile @Nullable Storage unwrapped;

  /** Guarded by this. */
  private boolean closed;

  public StorageHandle(StorageOpener opener, StorageSettings settings, MetricRegistry registry) {
    this(opener, UnaryOperator.identity(), settings, registry);
  }

  /**
   * @param wrapper wraps the opened store (the remote-write tee); {@link #storage} is the wrapped
   *     one, {@link #unwrapped} the store itself
   */
  public StorageHandle(
      StorageOpener opener,
      UnaryOperator<Storage> wrapper,
      StorageSettings settings,
      MetricRegistry registry) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.wrapper = Objects.requireNonNull(wrapper, "wrapper");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Opens the store through the opener; the handle is ready afterwards.
   *
   * @throws IllegalStateException when already opened or closed
   * @throws RuntimeException whatever the opener throws; the handle then stays not ready
   */
  public synchronized void open() {
    if (closed) {
      throw new IllegalStateException("the store was closed before it was opened");
    }
    if (storage != null) {
      throw new IllegalStateException("BUG: store opened twice");
    }
    long start = settings.clock().nanoTime();
    Storage s =
        Objects.requireNonNull(opener.open(settings, registry), "StorageOpener returned null");
    unwrapped = s;
    storage = Objects.requireNonNull(wrapper.apply(s), "wrapper returned null");
    LOG.atInfo()
        .addKeyValue("dir", settings.dataDir())
        .addKeyValue("duration_ms", (settings.clock().nanoTime() - start) / 1_000_000)
        .log("storage open");
  }

  /** The data directory the store lives in (other state files go beside it). */
  public java.nio.file.Path dataDir() {
    return settings.dataDir();
  }

  /** Whether the store is open and not closing. */
  public boolean isReady() {
    return storage != null;
  }

  /**
   * The open store, for a request that is about to use it.
   *
   * @throws NotReadyException before {@link #open} has returned or after {@link #close} began
   */
  public Storage storage() {
    Storage s = storage;
    if (s == null) {
      throw new NotReadyException("the store is not ready");
    }
    return s;
  }

  /**
   * The open store without the wrapper, for what looks into the store's kind (TSDB statistics);
   * appends must go through {@link #storage}.
   *
   * @throws NotReadyException before {@link #open} has returned or after {@link #close} began
   */
  public Storage unwrapped() {
    Storage s = unwrapped;
    if (s == null || storage == null) {
      throw new NotReadyException("the store is not ready");
    }
    return s;
  }

  /** Closes the store once; later calls return at once. Never throws for an unopened store. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Storage s = storage;
    storage = null;
    unwrapped = null;
    if (s != null) {
      s.close();
      LOG.atInfo().addKeyValue("dir", settings.dataDir()).log("storage closed");
    }
  }
}
