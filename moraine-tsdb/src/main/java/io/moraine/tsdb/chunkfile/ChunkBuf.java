package io.moraine.tsdb.chunkfile;

import io.moraine.tsdb.chunk.Encoding;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A reusable destination for one chunk read from a chunk file: its encoding, its bytes in {@code
 * data()[0, length())}, and for head chunk entries the series ref and time range. Each reading
 * thread keeps its own; not thread-safe.
 */
public final class ChunkBuf {
  /** Spare bytes past the chunk so decoders may load 8 bytes at a time near its end. */
  private static final int SLACK = 8;

  private byte[] data = new byte[256];
  private int length;
  private Encoding encoding = Encoding.XOR;
  private long seriesRef;
  private long mint;
  private long maxt;
  final CRC32C crc = new CRC32C();

  /** The chunk's bytes are {@code data()[0, length())}; the array is reused by the next read. */
  public byte[] data() {
    return data;
  }

  public int length() {
    return length;
  }

  public Encoding encoding() {
    return encoding;
  }

  /** The series the chunk belongs to; head chunk entries only. */
  public long seriesRef() {
    return seriesRef;
  }

  /** The chunk's first sample time (ms); head chunk entries only. */
  public long minTime() {
    return mint;
  }

  /** The chunk's last sample time (ms); head chunk entries only. */
  public long maxTime() {
    return maxt;
  }

  /** Copies a chunk held elsewhere (the head's open chunk) in; clears the head entry fields. */
  public void set(Encoding enc, byte[] src, int off, int len) {
    frame(enc, len);
    System.arraycopy(src, off, data, 0, len);
    head(0, 0, 0);
  }

  /** Sets the encoding and length of the chunk about to be copied in, growing the array. */
  void frame(Encoding enc, int len) {
    if (data.length < len + SLACK) {
      data = Arrays.copyOf(data, Math.max(len + SLACK, data.length * 2));
    }
    encoding = enc;
    length = len;
  }

  void head(long seriesRef, long mint, long maxt) {
    this.seriesRef = seriesRef;
    this.mint = mint;
    this.maxt = maxt;
  }
}
