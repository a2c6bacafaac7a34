package io.moraine.tsdb.chunk;

import io.moraine.core.storage.SampleIterator;
import java.util.Objects;

/**
 * A reusable cursor over one chunk of either encoding. {@link #reset} points it at another chunk
 * without allocating (DENSE decodes into arrays that grow and are then reused), so one instance can
 * walk many chunks. XOR chunks stream; DENSE chunks are decoded whole on the first {@link #next} or
 * {@link #seek} and then searched in memory.
 *
 * <p>Not thread-safe. The chunk's bytes are read lazily: the caller must keep them unchanged until
 * the iterator is reset or dropped. Malformed chunks throw {@link CorruptChunkException}.
 */
public final class ChunkIterator implements SampleIterator {
  private final XorDecoder xor = new XorDecoder();
  private final DenseDecoder dense = new DenseDecoder();
  private Encoding encoding = Encoding.XOR;
  private byte[] data = new byte[0];
  private int off;
  private int len;

  /** DENSE: index of the current sample; -1 before the first; n at the end. */
  private int index;

  /** DENSE: samples decoded, or -1 while the chunk is not decoded yet. */
  private int denseCount;

  private boolean done;

  /** Whether the cursor stands on a sample (t and v are valid). */
  private boolean onSample;

  private long t;
  private double v;

  /** An iterator over nothing until {@link #reset}. */
  public ChunkIterator() {
    done = true;
  }

  /**
   * Points this iterator before the first sample of the chunk in {@code data[off, off + len)}.
   *
   * @return this
   */
  public ChunkIterator reset(Encoding enc, byte[] data, int off, int len) {
    Objects.requireNonNull(enc);
    Objects.checkFromIndexSize(off, len, data.length);
    done = true; // until the chunk's header has been accepted
    onSample = false;
    if (enc == Encoding.XOR) {
      xor.reset(data, off, len);
    }
    this.encoding = enc;
    this.data = data;
    this.off = off;
    this.len = len;
    index = -1;
    denseCount = -1;
    done = false;
    return this;
  }

  @Override
  public boolean next() {
    if (done) {
      return false;
    }
    if (encoding == Encoding.XOR) {
      if (!xor.next()) {
        return end();
      }
      t = xor.t();
      v = xor.v();
      onSample = true;
      return true;
    }
    int n = denseCount();
    if (++index >= n) {
      index = n;
      return end();
    }
    t = dense.timestamps()[index];
    v = dense.values()[index];
    onSample = true;
    return true;
  }

  private boolean end() {
    done = true;
    onSample = false;
    return false;
  }

  @Override
  public boolean seek(long target) {
    if (done) {
      return false;
    }
    if (onSample && t >= target) {
      return true;
    }
    if (encoding == Encoding.DENSE) {
      return seekDense(target);
    }
    while (next()) {
      if (t >= target) {
        return true;
      }
    }
    return false;
  }

  private boolean seekDense(long target) {
    int n = denseCount();
    long[] ts = dense.timestamps();
    int lo = Math.max(index, 0);
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    index = lo;
    if (lo >= n) {
      return end();
    }
    t = ts[lo];
    v = dense.values()[lo];
    onSample = true;
    return true;
  }

  private int denseCount() {
    if (denseCount < 0) {
      denseCount = dense.decode(data, off, len);
    }
    return denseCount;
  }

  @Override
  public long atT() {
    return t;
  }

  @Override
  public double atV() {
    return v;
  }
}
