package io.moraine.testkit.storage;

import io.moraine.core.storage.Storage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the contract kit against the reference store itself. Reopen is simulated: a store opened on
 * a directory that a closed store used gets that store's committed data, as a durable store would.
 */
class ReferenceStorageContractTest extends StorageContractTest {
  private final Map<Path, ReferenceStorage> byDir = new HashMap<>();

  @Override
  protected Storage openStorage(Path dir) {
    ReferenceStorage previous = byDir.get(dir);
    ReferenceStorage s = previous == null ? new ReferenceStorage() : previous.reopened();
    byDir.put(dir, s);
    return s;
  }

  @Override
  protected boolean supportsReopen() {
    return true;
  }
}
