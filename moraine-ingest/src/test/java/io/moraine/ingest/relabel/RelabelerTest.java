package io.moraine.ingest.relabel;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RelabelerTest {
  private static RelabelConfig.Builder step(RelabelAction a) {
    return RelabelConfig.builder().action(a);
  }

  @Test
  void unchangedSetIsReturnedItself() {
    Relabeler r =
        Relabeler.of(
            List.of(
                step(RelabelAction.DROP).sourceLabels("__name__").regex("go_.*|process_.*").build(),
                step(RelabelAction.KEEP).sourceLabels("job").regex("node").build(),
                step(RelabelAction.REPLACE).sourceLabels("job").targetLabel("job").build(),
                step(RelabelAction.LABELDROP).regex("id|image").build(),
                step(RelabelAction.LOWERCASE).sourceLabels("job").targetLabel("job").build(),
                step(RelabelAction.LABELMAP).regex("zz_(.*)").build()));
    Labels in = Labels.of("__name__", "up", "job", "node", "instance", "a:1");
    assertThat(r.process(in)).isSameAs(in);
  }

  @Test
  void emptyListIsIdentity() {
    Labels in = Labels.of("a", "1");
    assertThat(Relabeler.of(List.of()).process(in)).isSameAs(in);
    assertThat(Relabeler.none().isEmpty()).isTrue();
  }

  @Test
  void sharedAcrossThreads() throws Exception {
    Relabeler r =
        Relabeler.of(
            List.of(
                step(RelabelAction.REPLACE)
                    .sourceLabels("i")
                    .regex("(\\d)(\\d*)")
                    .targetLabel("first")
                    .replacement("d$1")
                    .build(),
                step(RelabelAction.HASHMOD)
                    .sourceLabels("i")
                    .targetLabel("shard")
                    .modulus(4)
                    .build(),
                step(RelabelAction.DROP).sourceLabels("shard").regex("0").build()));
    List<Labels> inputs = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      inputs.add(Labels.of("i", Integer.toString(i)));
    }
    List<Labels> expected = inputs.stream().map(r::process).toList();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<List<Labels>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> inputs.stream().map(r::process).toList()));
      }
      for (Future<List<Labels>> f : runs) {
        assertThat(f.get()).isEqualTo(expected);
      }
    }
    long kept = expected.stream().filter(l -> l != null).count();
    assertThat(kept).isBetween(2700L, 3300L);
    for (int i : new int[] {0, 7, 42, 3999}) {
      long shard = HashModTest.reference(Integer.toString(i), 4);
      String first = "d" + Integer.toString(i).charAt(0);
      Labels want = shard == 0 ? null : Labels.of("i", "" + i, "first", first, "shard", "" + shard);
      assertThat(expected.get(i)).isEqualTo(want);
    }
  }
}
