package io.moraine.ingest.remotewrite;

import io.airlift.compress.snappy.SnappyDecompressor;
import java.nio.ByteBuffer;

/**
 * Decodes the snappy block format (not the framed format), as remote-write bodies are. Stateless
 * and thread-safe. Messages follow Go's snappy package ({@code snappy: corrupt input}) plus what
 * was wrong.
 */
final class SnappyBlock {
  private SnappyBlock() {}

  /**
   * Decodes the block in {@code in} (position to limit; the position is not moved) into {@code out}
   * if it is large enough, else into a new array; returns the array holding the decoded bytes at
   * {@code [0, decodedLength(in))}.
   *
   * @throws RemoteWriteException.Malformed when the block is corrupt or decodes to more than {@code
   *     maxBytes}
   */
  static byte[] decode(ByteBuffer in, byte[] out, int maxBytes) {
    int length = decodedLength(in, maxBytes);
    byte[] target = out.length >= length ? out : new byte[length];
    ByteBuffer written = ByteBuffer.wrap(target, 0, length);
    try {
      new SnappyDecompressor().decompress(in.duplicate(), written);
    } catch (RuntimeException e) {
      // MalformedInputException, or an index error on a lying copy offset
      throw new RemoteWriteException.Malformed("snappy: corrupt input: " + describe(e));
    }
    if (written.position() != length) {
      throw new RemoteWriteException.Malformed(
          "snappy: corrupt input: decoded " + written.position() + " bytes, header says " + length);
    }
    return target;
  }

  /** The decoded size the block's header states, checked against {@code maxBytes}. */
  static int decodedLength(ByteBuffer in, int maxBytes) {
    if (!in.hasRemaining()) {
      throw new RemoteWriteException.Malformed("snappy: corrupt input: empty body");
    }
    long declared = declaredLength(in);
    if (declared > maxBytes) {
      throw new RemoteWriteException.Malformed(
          "snappy: decoded block is too large: "
              + declared
              + " bytes, more than the limit of "
              + maxBytes);
    }
    return (int) declared;
  }

  /** The uncompressed length from the block's varint header (at most 5 bytes, 32 bits). */
  private static long declaredLength(ByteBuffer in) {
    long result = 0;
    int p = in.position();
    for (int i = 0; i < 5; i++) {
      if (p + i >= in.limit()) {
        throw new RemoteWriteException.Malformed("snappy: corrupt input: truncated length header");
      }
      int b = in.get(p + i) & 0xFF;
      result |= (long) (b & 0x7F) << (7 * i);
      if (b < 0x80) {
        if (result > 0xFFFF_FFFFL) {
          break;
        }
        return result;
      }
    }
    throw new RemoteWriteException.Malformed(
        "snappy: corrupt input: length header longer than 32 bits");
  }

  private static String describe(RuntimeException e) {
    String m = e.getMessage();
    return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
  }
}
