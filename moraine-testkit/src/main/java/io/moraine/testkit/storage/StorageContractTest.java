package io.moraine.testkit.storage;

import io.moraine.core.storage.Storage;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link Storage} implementation passes: extend this class in the
 * implementation's tests and say how to open the store.
 *
 * <pre>{@code
 * class HeadStorageContractTest extends StorageContractTest {
 *   @Override
 *   protected Storage openStorage(Path dir) {
 *     return TsdbStorage.open(dir, Options.DEFAULT);
 *   }
 *
 *   @Override
 *   protected boolean supportsReopen() {
 *     return true;
 *   }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh empty directory and a store opened on it, closed after the test. The
 * tests come from the contract interfaces, one per concern: {@link AppendContract} (append rules,
 * bit-exact values, rollback, refs), {@link SelectContract} (matchers, order, ranges, iterators),
 * {@link LabelsContract} (label names and values), {@link VisibilityContract} (commit visibility
 * and consistent querier views), {@link ConcurrencyContract} (concurrent appenders), {@link
 * ReopenContract} (durability across close and reopen) and {@link DifferentialContract} (a seeded
 * random workload compared with {@link ReferenceStorage}).
 */
public abstract class StorageContractTest
    implements AppendContract,
        SelectContract,
        LabelsContract,
        VisibilityContract,
        ConcurrencyContract,
        ReopenContract,
        DifferentialContract {
  @TempDir @Nullable Path dataDir;
  private @Nullable Storage storage;

  /**
   * Opens the store under test on {@code dir}: an empty directory the first time, the directory of
   * a closed store when reopening. The test owns and closes the result.
   */
  protected abstract Storage openStorage(Path dir);

  /** Whether the store keeps committed data across close and reopen; enables the reopen tests. */
  protected boolean supportsReopen() {
    return false;
  }

  /** Operations of the random differential workload; the default runs in well under 5 s. */
  protected int differentialOps() {
    return 3000;
  }

  @BeforeEach
  final void openStorageUnderTest() {
    storage = openStorage(Objects.requireNonNull(dataDir, "dataDir"));
  }

  @AfterEach
  final void closeStorageUnderTest() {
    Storage s = storage;
    storage = null;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public final Storage storage() {
    return Objects.requireNonNull(storage, "storage not open");
  }

  @Override
  public final Storage reopen() {
    if (!supportsReopen()) {
      throw new UnsupportedOperationException("this store does not support reopen");
    }
    Storage old = storage();
    storage = null;
    old.close();
    storage = openStorage(Objects.requireNonNull(dataDir, "dataDir"));
    return storage;
  }

  @Override
  public final boolean reopenSupported() {
    return supportsReopen();
  }

  @Override
  public final int differentialOperations() {
    return differentialOps();
  }
}
