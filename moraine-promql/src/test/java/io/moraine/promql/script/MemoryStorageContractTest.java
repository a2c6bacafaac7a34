package io.moraine.promql.script;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.Storage;
import io.moraine.core.storage.UnknownSeriesRefException;
import io.moraine.testkit.storage.LabelsContract;
import io.moraine.testkit.storage.SelectContract;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared select and label contracts, run on {@link MemoryStorage} behind a thin {@link Storage}
 * whose appender adds the batch at commit. The append, durability and concurrency contracts are
 * about appenders and files, which {@link MemoryStorage} does not have.
 */
class MemoryStorageContractTest implements SelectContract, LabelsContract {
  private final MemoryStorage memory = new MemoryStorage();

  @Override
  public Storage storage() {
    return new Storage() {
      @Override
      public Appender appender() {
        return new BatchAppender(memory);
      }

      @Override
      public Querier querier(long mint, long maxt) {
        return memory.querier(mint, maxt);
      }

      @Override
      public long minTime() {
        throw new UnsupportedOperationException("not part of the select contracts");
      }

      @Override
      public long maxTime() {
        throw new UnsupportedOperationException("not part of the select contracts");
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public Storage reopen() {
    throw new UnsupportedOperationException("MemoryStorage has no files");
  }

  @Override
  public boolean reopenSupported() {
    return false;
  }

  @Override
  public int differentialOperations() {
    return 0;
  }

  private static final class BatchAppender implements Appender {
    private record Pending(Labels labels, long t, double v) {}

    private final MemoryStorage memory;
    private final List<Pending> batch = new ArrayList<>();

    BatchAppender(MemoryStorage memory) {
      this.memory = memory;
    }

    @Override
    public long append(Labels labels, long t, double v) {
      batch.add(new Pending(labels, t, v));
      return 0;
    }

    @Override
    public long append(long ref, long t, double v) {
      throw new UnknownSeriesRefException("refs are not supported: " + ref);
    }

    @Override
    public void commit() {
      for (Pending p : batch) {
        memory.add(p.labels(), p.t(), p.v());
      }
      batch.clear();
    }

    @Override
    public void rollback() {
      batch.clear();
    }
  }
}
