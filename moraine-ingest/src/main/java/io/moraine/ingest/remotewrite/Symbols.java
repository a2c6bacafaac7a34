package io.moraine.ingest.remotewrite;

import io.moraine.core.labels.Labels;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One shared {@link String} per distinct label name or value across requests, looked up by its
 * UTF-8 bytes (so a repeated value is neither decoded nor validated again). Most names and values
 * repeat across series; sharing them saves memory in the cache and the store. Thread-safe. Bounded:
 * emptied when it reaches its limit (only new series consult it, so refilling is cheap).
 */
final class Symbols {
  private final ConcurrentHashMap<ByteKey, String> strings = new ConcurrentHashMap<>();
  private final int maxSize;

  Symbols(int maxSize) {
    this.maxSize = maxSize;
  }

  /**
   * The string of {@code probe}'s bytes, or null when they are not well-formed UTF-8. {@code probe}
   * is not retained.
   */
  @Nullable String intern(ByteKey probe) {
    String s = strings.get(probe);
    if (s != null) {
      return s;
    }
    s = decode(probe.array(), probe.offset(), probe.length());
    if (s == null) {
      return null;
    }
    if (s.equals(Labels.METRIC_NAME)) {
      s = Labels.METRIC_NAME;
    }
    if (strings.size() >= maxSize) {
      strings.clear();
    }
    String prev = strings.putIfAbsent(probe.copy(), s);
    return prev == null ? s : prev;
  }

  private static @Nullable String decode(byte[] b, int off, int len) {
    boolean ascii = true;
    for (int i = off; i < off + len; i++) {
      if (b[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(b, off, len));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
