package io.moraine.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.DuplicateSampleException;
import io.moraine.core.storage.OutOfOrderSampleException;
import io.moraine.core.storage.UnknownSeriesRefException;
import io.moraine.testkit.storage.RecordingAppendable.Batch;
import io.moraine.testkit.storage.RecordingAppendable.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingAppendableTest {
  private static final Labels A = Labels.of("__name__", "a");
  private static final Labels B = Labels.of("__name__", "b");

  @Test
  void recordsCommittedBatchesOnly() {
    RecordingAppendable rec = new RecordingAppendable();
    Appender first = rec.appender();
    long ref = first.append(A, 1, 1.5);
    first.append(ref, 2, 2.5);
    first.commit();
    Appender dropped = rec.appender();
    dropped.append(B, 3, 3);
    dropped.rollback();
    Appender second = rec.appender();
    second.append(B, 4, 4);
    second.commit();

    assertThat(rec.batches())
        .containsExactly(
            new Batch(List.of(new Sample(A, 1, 1.5), new Sample(A, 2, 2.5))),
            new Batch(List.of(new Sample(B, 4, 4))));
    assertThat(rec.samples()).hasSize(3);
    assertThat(rec.appendedCount()).isEqualTo(4);
    assertThat(rec.rollbackCount()).isEqualTo(1);
  }

  @Test
  void injectedRejectionHitsTheNthSampleAndTheBatchGoesOn() {
    RecordingAppendable rec = new RecordingAppendable();
    rec.rejectSample(2, OutOfOrderSampleException::new);
    rec.rejectSample(4, DuplicateSampleException::new);
    Appender app = rec.appender();
    app.append(A, 1, 1);
    assertThatThrownBy(() -> app.append(A, 2, 2))
        .isInstanceOf(OutOfOrderSampleException.class)
        .hasMessageContaining("#2");
    app.append(A, 3, 3);
    assertThatThrownBy(() -> app.append(B, 4, 4)).isInstanceOf(DuplicateSampleException.class);
    app.append(B, 5, 5);
    app.commit();

    assertThat(rec.samples())
        .containsExactly(new Sample(A, 1, 1), new Sample(A, 3, 3), new Sample(B, 5, 5));
  }

  @Test
  void injectedCommitFailureDiscardsTheBatch() {
    RecordingAppendable rec = new RecordingAppendable();
    UncheckedIOException boom = new UncheckedIOException(new IOException("disk full"));
    rec.failNextCommit(boom);
    Appender app = rec.appender();
    app.append(A, 1, 1);
    assertThatThrownBy(app::commit).isSameAs(boom);
    Appender next = rec.appender();
    next.append(A, 2, 2);
    next.commit();

    assertThat(rec.samples()).containsExactly(new Sample(A, 2, 2));
  }

  @Test
  void unknownRefAndReuseAreRejected() {
    RecordingAppendable rec = new RecordingAppendable();
    Appender app = rec.appender();
    assertThatThrownBy(() -> app.append(99, 1, 1)).isInstanceOf(UnknownSeriesRefException.class);
    app.commit();
    assertThatThrownBy(() -> app.append(A, 1, 1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> rec.rejectSample(0, OutOfOrderSampleException::new))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
