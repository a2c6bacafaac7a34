package io.moraine.ingest.relabel;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * hashmod against values a real Prometheus 2.42 computed ({@code hashmod-prometheus-2.42.tsv}, see
 * its header) and against an independent computation: all 16 MD5 bytes as one unsigned 128-bit
 * number, folded as Go's shifts fold it (only the low 64 bits survive), modulo the unsigned
 * modulus.
 */
class HashModTest {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  static long reference(String value, long modulus) throws NoSuchAlgorithmException {
    byte[] md5 = MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
    BigInteger h = new BigInteger(1, md5).mod(TWO_64);
    BigInteger m = new BigInteger(Long.toUnsignedString(modulus));
    return h.mod(m).longValue();
  }

  private static Relabeler hashmod(List<String> sources, String sep, String target, long mod) {
    return Relabeler.of(
        List.of(
            RelabelConfig.builder()
                .action(RelabelAction.HASHMOD)
                .sourceLabels(sources)
                .separator(sep)
                .targetLabel(target)
                .modulus(mod)
                .build()));
  }

  private static @Nullable String shard(Relabeler r, Labels in) {
    return Objects.requireNonNull(r.process(in)).get("h");
  }

  @Test
  void matchesPrometheus() throws IOException {
    Relabeler h7 = hashmod(List.of("__address__"), ";", "h", 7);
    Relabeler h1000 = hashmod(List.of("__address__"), ";", "h", 1000);
    Relabeler h63 = hashmod(List.of("__address__"), ";", "h", Long.MIN_VALUE);
    Relabeler hbig =
        hashmod(
            List.of("__address__", "extra"),
            "/",
            "h",
            Long.parseUnsignedLong("18446744073709551557"));
    String text;
    try (InputStream in = getClass().getResourceAsStream("hashmod-prometheus-2.42.tsv")) {
      text = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
    }
    int rows = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      Labels in = Labels.of("__address__", f[0], "extra", "x\ny");
      assertThat(shard(h7, in)).as(f[0]).isEqualTo(f[1]);
      assertThat(shard(h1000, in)).as(f[0]).isEqualTo(f[2]);
      assertThat(shard(h63, in)).as(f[0]).isEqualTo(f[3]);
      assertThat(shard(hbig, in)).as(f[0]).isEqualTo(f[4]);
      rows++;
    }
    assertThat(rows).isEqualTo(204);
  }

  @Test
  void matchesIndependentComputation() throws NoSuchAlgorithmException {
    Random rnd = new Random(7);
    long[] moduli = {1, 2, 3, 1000, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, -1, -59};
    for (int i = 0; i < 2000; i++) {
      String v = randomValue(rnd);
      long mod = moduli[i % moduli.length];
      assertThat(HashModStep.hashMod(v, mod)).as(v).isEqualTo(reference(v, mod));
    }
  }

  private static String randomValue(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int len = rnd.nextInt(40);
    for (int i = 0; i < len; i++) {
      int kind = rnd.nextInt(10);
      sb.appendCodePoint(
          kind < 7
              ? 'a' + rnd.nextInt(26)
              : kind < 9 ? 0xe0 + rnd.nextInt(0x200) : 0x1f600 + rnd.nextInt(50));
    }
    return sb.toString();
  }
}
