package io.moraine.testkit.logs;

import java.nio.file.Path;
import java.time.Duration;

/** The reference store passes its own contract, so the contract's expectations are consistent. */
class ReferenceLogStoreTest extends LogStorageContract<ReferenceLogStore> {
  @Override
  protected ReferenceLogStore open(Path dir) {
    return new ReferenceLogStore(Duration.ofHours(1), 5);
  }
}
