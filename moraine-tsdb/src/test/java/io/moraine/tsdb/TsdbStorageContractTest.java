package io.moraine.tsdb;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Storage;
import io.moraine.testkit.storage.StorageContractTest;
import java.nio.file.Path;

/** The store against the shared storage contract and, differentially, the reference store. */
class TsdbStorageContractTest extends StorageContractTest {
  @Override
  protected Storage openStorage(Path dir) {
    return TsdbTestSupport.open(dir, TsdbTestSupport.options(), new MetricRegistry());
  }

  @Override
  protected boolean supportsReopen() {
    return true;
  }
}
