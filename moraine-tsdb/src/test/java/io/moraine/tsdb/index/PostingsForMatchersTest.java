package io.moraine.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class PostingsForMatchersTest {
  private static final String[] NAMES = {"__name__", "a", "b", "c", "job", "le", "missing"};
  private static final String[] REGEXES = {
    ".*",
    ".+",
    "",
    "pre.*",
    "pre-.*",
    "pre1.+",
    "v1|v2",
    "v1|",
    "(v0|pre3)",
    "x.*",
    "[a-c]",
    "v.",
    "pre(1|2).*",
    "long/.*",
    "a|b|zz",
    "x\u00e9.*",
    "nothing"
  };

  private static TreeMap<Labels, List<ChunkMeta>> series = new TreeMap<>();
  private static List<Labels> sorted = List.of();

  @BeforeAll
  static void data() {
    series = TestSeries.random(21, 1500);
    sorted = new ArrayList<>(series.keySet());
  }

  @Test
  void matchesBruteForceOnMemoryAndBlockIndex(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("index");
    TestSeries.write(file, series);
    MemIndex mem = new MemIndex(series);
    SplittableRandom r = new SplittableRandom(5);
    int checked = 0;
    int refused = 0;
    try (BlockIndexReader block = BlockIndexReader.open(file)) {
      for (int iter = 0; iter < 3000; iter++) {
        Matcher[] ms = randomMatchers(r, mem);
        RoaringBitmap want = bruteForce(ms);
        if (want == null) {
          assertThatThrownBy(() -> PostingsForMatchers.select(block, ms))
              .isInstanceOf(IllegalArgumentException.class);
          refused++;
          continue;
        }
        assertThat(PostingsForMatchers.select(mem, ms)).as(List.of(ms).toString()).isEqualTo(want);
        assertThat(PostingsForMatchers.select(block, ms))
            .as(List.of(ms).toString())
            .isEqualTo(want);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(1500);
    assertThat(refused).isGreaterThan(50);
  }

  @Test
  void emptyMatchersFollowPrometheus() {
    MemIndex ix =
        new MemIndex(
            new TreeMap<>(
                java.util.Map.of(
                    Labels.of("__name__", "m", "a", "1"), List.of(),
                    Labels.of("__name__", "m", "a", "2"), List.of(),
                    Labels.of("__name__", "m", "b", "1"), List.of(),
                    Labels.of("__name__", "n"), List.of())));
    Matcher m = Matcher.eq("__name__", "m");
    // ids in label order: {m,a=1}=0, {m,a=2}=1, {m,b=1}=2, {n}=3
    assertThat(PostingsForMatchers.select(ix, m, Matcher.eq("a", "")))
        .isEqualTo(RoaringBitmap.bitmapOf(2));
    assertThat(PostingsForMatchers.select(ix, m, Matcher.nre("a", ".+")))
        .isEqualTo(RoaringBitmap.bitmapOf(2));
    assertThat(PostingsForMatchers.select(ix, m, Matcher.re("a", ".*")))
        .isEqualTo(RoaringBitmap.bitmapOf(0, 1, 2));
    assertThat(PostingsForMatchers.select(ix, m, Matcher.neq("a", "1")))
        .isEqualTo(RoaringBitmap.bitmapOf(1, 2));
    assertThat(PostingsForMatchers.select(ix, Matcher.neq("a", "")))
        .isEqualTo(RoaringBitmap.bitmapOf(0, 1));
    assertThat(PostingsForMatchers.select(ix, Matcher.re("a", "1|2|3"), Matcher.nre("a", "2|")))
        .isEqualTo(RoaringBitmap.bitmapOf(0));
    assertThat(PostingsForMatchers.select(ix, Matcher.re("__name__", ".+"), Matcher.re("b", "|1")))
        .isEqualTo(RoaringBitmap.bitmapOf(0, 1, 2, 3));
    assertThatThrownBy(() -> PostingsForMatchers.select(ix, Matcher.eq("a", "")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PostingsForMatchers.select(ix, Matcher.re("a", ".*")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PostingsForMatchers.select(ix))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resultIsOwnedByTheCaller() {
    MemIndex ix = new MemIndex(TestSeries.random(4, 100));
    String v = ix.labelValues("a").get(0);
    RoaringBitmap before = ix.postings("a", v).clone();
    RoaringBitmap got = PostingsForMatchers.select(ix, Matcher.eq("a", v));
    got.clear();
    assertThat(ix.postings("a", v)).isEqualTo(before);
  }

  private static Matcher[] randomMatchers(SplittableRandom r, MemIndex ix) {
    Matcher[] ms = new Matcher[1 + r.nextInt(3)];
    for (int i = 0; i < ms.length; i++) {
      String name = NAMES[r.nextInt(NAMES.length)];
      Matcher.Type type = Matcher.Type.values()[r.nextInt(4)];
      String value;
      if (type == Matcher.Type.EQ || type == Matcher.Type.NEQ) {
        List<String> vs = ix.labelValues(name);
        value = vs.isEmpty() || r.nextInt(8) == 0 ? "" : vs.get(r.nextInt(vs.size()));
      } else {
        value = REGEXES[r.nextInt(REGEXES.length)];
      }
      ms[i] = Matcher.of(type, name, value);
    }
    return ms;
  }

  /** The selection by evaluating every matcher on every series; null when all match "". */
  private static @org.jspecify.annotations.Nullable RoaringBitmap bruteForce(Matcher[] ms) {
    boolean anyNonEmpty = false;
    for (Matcher m : ms) {
      anyNonEmpty |= !m.matchesEmpty();
    }
    if (!anyNonEmpty) {
      return null;
    }
    RoaringBitmap out = new RoaringBitmap();
    for (int id = 0; id < sorted.size(); id++) {
      boolean all = true;
      for (Matcher m : ms) {
        all &= m.matches(sorted.get(id).getOrEmpty(m.name()));
      }
      if (all) {
        out.add(id);
      }
    }
    return out;
  }
}
