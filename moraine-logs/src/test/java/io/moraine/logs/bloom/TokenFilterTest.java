package io.moraine.logs.bloom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenFilterTest {
  private static List<String> block(Random rnd, int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(
          "level=info ts=2024-01-01T00:00:"
              + rnd.nextInt(60)
              + "Z msg=\"req-"
              + Long.toHexString(rnd.nextLong())
              + " a1b2-c3 done\" user_id="
              + rnd.nextInt(100_000)
              + " path=/api/v"
              + rnd.nextInt(3)
              + "/items?q="
              + rnd.nextInt(1000));
    }
    return lines;
  }

  private static TokenFilter build(List<String> lines, int maxBytes) {
    TokenFilterBuilder b = new TokenFilterBuilder();
    for (String l : lines) {
      byte[] u = l.getBytes(StandardCharsets.UTF_8);
      b.addLine(u, 0, u.length);
    }
    TokenFilter f = b.build(maxBytes);
    ByteBuffer buf = ByteBuffer.allocate(f.encodedSize());
    f.writeTo(buf);
    return TokenFilter.read(buf.flip());
  }

  @Test
  void neverProvesAbsentANeedleThatOccurs() {
    Random rnd = new Random(7);
    for (int round = 0; round < 20; round++) {
      List<String> lines = block(rnd, 200);
      for (int budget : new int[] {64, 1024, 1 << 20}) {
        TokenFilter f = build(lines, budget);
        for (int k = 0; k < 300; k++) {
          String line = lines.get(rnd.nextInt(lines.size()));
          int from = rnd.nextInt(line.length());
          int to = from + 1 + rnd.nextInt(Math.min(30, line.length() - from));
          String needle = line.substring(from, to);
          assertThat(f.mightContain(needle)).as("needle '%s'", needle).isTrue();
        }
        assertThat(f.mightContain("a1b2-c3")).isTrue();
        assertThat(f.mightContain("1b2-c")).isTrue();
      }
    }
  }

  @Test
  void provesMostAbsentNeedlesAbsentWhenGivenRoom() {
    Random rnd = new Random(3);
    TokenFilter f = build(block(rnd, 500), 1 << 20);
    int passed = 0;
    for (int k = 0; k < 1000; k++) {
      if (f.mightContain("zq" + Long.toHexString(rnd.nextLong()))) {
        passed++;
      }
    }
    assertThat(passed).as("false positives of 1000 absent needles").isLessThan(20);
    assertThat(f.mightContain("abc")).as("too short to judge").isTrue();
    assertThat(TokenFilter.ALL.mightContain("anything")).isTrue();
  }
}
