package io.moraine.ingest.relabel;

import io.moraine.core.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code hashmod}: sets the target to {@code h mod modulus}, both unsigned 64-bit, where {@code h}
 * is the last 8 bytes of the MD5 of the UTF-8 source value read big-endian. (Prometheus folds all
 * 16 bytes with shifts of 120 down to 0 bits; Go drops shifts of 64 or more, leaving the last 8.)
 */
record HashModStep(Source source, String target, long modulus) implements Step {
  @Override
  public Labels apply(Labels in) {
    return LabelEdits.set(in, target, Long.toUnsignedString(hashMod(source.value(in), modulus)));
  }

  static long hashMod(String value, long modulus) {
    byte[] md5 = md5().digest(value.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 8; i < 16; i++) {
      h = (h << 8) | (md5[i] & 0xff);
    }
    return Long.remainderUnsigned(h, modulus);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: every JDK provides MD5", e);
    }
  }
}
