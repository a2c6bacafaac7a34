package io.moraine.tsdb.chunk;

/**
 * How a chunk's bytes encode its samples. The one-byte {@link #id} is written on disk before every
 * chunk; an id is never reused, so a changed layout takes a new id and old chunks stay readable.
 */
public enum Encoding {
  /** Gorilla-style bit stream, appendable one sample at a time; used for open head chunks. */
  XOR(1),
  /** Whole-chunk encoding (decimal detection, delta orders, frame-of-reference bit packing). */
  DENSE(2);

  private final int id;

  Encoding(int id) {
    this.id = id;
  }

  /** The byte written on disk. */
  public int id() {
    return id;
  }

  /**
   * The encoding with this on-disk id.
   *
   * @throws IllegalArgumentException for an id this build does not know
   */
  public static Encoding ofId(int id) {
    return switch (id) {
      case 1 -> XOR;
      case 2 -> DENSE;
      default -> throw new IllegalArgumentException("unknown chunk encoding id " + id);
    };
  }

  /** Whether {@code id} names an encoding this build can decode. */
  public static boolean isKnown(int id) {
    return id == 1 || id == 2;
  }

  /**
   * The number of samples in a chunk of this encoding, read from its header without decoding.
   *
   * @throws IllegalArgumentException when the header is truncated
   */
  public int numSamples(byte[] data, int off, int len) {
    return switch (this) {
      case XOR -> XorChunk.numSamples(data, off, len);
      case DENSE -> DenseDecoder.numSamples(data, off, len);
    };
  }
}
