package io.moraine.core.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Label sets and strings sort by UTF-8 bytes, as Go sorts them. */
class LabelsOrderTest {
  private static int bytewise(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aCharacterAboveTheBmpSortsAfterPrivateUseCharacters() {
    String emoji = "\uD83D\uDE00"; // U+1F600, UTF-16 surrogates D83D DE00
    String privateUse = "\uE000";
    assertThat(emoji.compareTo(privateUse)).isNegative(); // Java's UTF-16 order
    assertThat(Labels.compareUtf8(emoji, privateUse)).isPositive(); // Go's order
    assertThat(Labels.of("a", emoji).compareTo(Labels.of("a", privateUse))).isPositive();
  }

  @Test
  void agreesWithByteOrderOnRandomStrings() {
    SplittableRandom r = new SplittableRandom(7);
    List<String> alphabet = List.of("a", "z", "\u00e9", "\uE000", "\uFFFD", "\uD83D\uDE00", "");
    for (int i = 0; i < 20_000; i++) {
      String a = randomString(r, alphabet);
      String b = randomString(r, alphabet);
      assertThat(Integer.signum(Labels.compareUtf8(a, b)))
          .as("%s vs %s", a, b)
          .isEqualTo(Integer.signum(bytewise(a, b)));
    }
  }

  private static String randomString(SplittableRandom r, List<String> alphabet) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.get(r.nextInt(alphabet.size())));
    }
    return sb.toString();
  }
}
