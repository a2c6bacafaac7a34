package io.moraine.logs.store;

import io.moraine.testkit.logs.LogStorageContract;
import io.moraine.testkit.time.ManualClock;
import java.nio.file.Path;

class LogStoreContractTest extends LogStorageContract<LogStore> {
  @Override
  protected LogStore open(Path dir) {
    return LogStore.open(
        dir,
        LogStoreOptions.DEFAULT.withoutBackground().withMaxStreamsPerTenant(5),
        new ManualClock(1_704_067_200_000L));
  }

  @Override
  protected void persist(LogStore store) {
    store.flushAll();
  }

  @Override
  protected boolean supportsReopen() {
    return true;
  }
}
