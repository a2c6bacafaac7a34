package io.moraine.ingest.remotewrite;

import io.airlift.compress.snappy.SnappyDecompressor;

/**
 * Decodes the snappy block format (not the framed format), as remote-write bodies are. Stateless
 * and thread-safe. Messages follow Go's snappy package ({@code snappy: corrupt input}) plus what
 * was wrong.
 */
final class SnappyBlock {
  private SnappyBlock() {}

  /**
   * The decoded bytes of {@code in[offset, offset + length)}, an array of exactly the decoded size.
   *
   * @throws RemoteWriteException.Malformed when the block is corrupt or decodes to more than {@code
   *     maxBytes}
   */
  static byte[] decode(byte[] in, int offset, int length, int maxBytes) {
    if (length == 0) {
      throw new RemoteWriteException.Malformed("snappy: corrupt input: empty body");
    }
    long declared = declaredLength(in, offset, length);
    if (declared > maxBytes) {
      throw new RemoteWriteException.Malformed(
          "snappy: decoded block is too large: "
              + declared
              + " bytes, more than the limit of "
              + maxBytes);
    }
    byte[] out = new byte[(int) declared];
    int n;
    try {
      n = new SnappyDecompressor().decompress(in, offset, length, out, 0, out.length);
    } catch (RuntimeException e) {
      // MalformedInputException, or an index error on a lying copy offset
      throw new RemoteWriteException.Malformed("snappy: corrupt input: " + describe(e));
    }
    if (n != out.length) {
      throw new RemoteWriteException.Malformed(
          "snappy: corrupt input: decoded " + n + " bytes, header says " + out.length);
    }
    return out;
  }

  /** The uncompressed length from the block's varint header (at most 5 bytes, 32 bits). */
  private static long declaredLength(byte[] in, int offset, int length) {
    long result = 0;
    for (int i = 0; i < 5; i++) {
      if (i >= length) {
        throw new RemoteWriteException.Malformed("snappy: corrupt input: truncated length header");
      }
      int b = in[offset + i] & 0xFF;
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
