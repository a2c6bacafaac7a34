package io.moraine.logs.store;

import io.moraine.core.encoding.BinaryReader;
import io.moraine.core.encoding.Varint;
import io.moraine.core.labels.Labels;
import io.moraine.core.time.Clock;
import io.moraine.logs.segment.BlockCodec;
import io.moraine.logs.segment.EntryBlock;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory part of the store: per tenant, the streams with open and cut blocks. Thread-safe.
 * Applies WAL records (live commits and replay go through the same {@link #apply} path).
 */
final class Head {
  /** WAL record type of a committed batch. */
  static final int ENTRIES = 1;

  /** The streams of one tenant. */
  static final class Tenant {
    final String id;
    final Map<Labels, MemStream> streams = new ConcurrentHashMap<>();

    Tenant(String id) {
      this.id = id;
    }
  }

  private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
  private final LogStoreOptions options;
  private final Clock clock;
  final AtomicLong bytes = new AtomicLong();
  final AtomicLong blockSeq = new AtomicLong();
  final AtomicLong entriesAppended = new AtomicLong();
  private final ThreadLocal<BlockCodec> codecs = ThreadLocal.withInitial(BlockCodec::new);
  private final ThreadLocal<EntryBlock> scratch = ThreadLocal.withInitial(EntryBlock::new);

  Head(LogStoreOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  Tenant tenant(String id) {
    return tenants.computeIfAbsent(id, Tenant::new);
  }

  @org.jspecify.annotations.Nullable
  Tenant existingTenant(String id) {
    return tenants.get(id);
  }

  Iterable<Tenant> tenants() {
    return tenants.values();
  }

  int streamCount() {
    int n = 0;
    for (Tenant t : tenants.values()) {
      n += t.streams.size();
    }
    return n;
  }

  /**
   * Applies one WAL record: adds every entry that is not a duplicate of the open block. On replay,
   * {@code flushed} names streams whose entries up to a position are already in segment files.
   *
   * @return the entries added
   * @throws IllegalArgumentException when the record does not decode
   */
  int apply(ByteBuffer rec, long walPosition, @Nullable FlushedPositions flushed) {
    int type = rec.get() & 0xFF;
    if (type != ENTRIES) {
      throw new IllegalArgumentException("unknown logs WAL record type " + type);
    }
    Tenant tenant = tenant(BinaryReader.str(rec));
    long now = clock.nowMillis();
    int added = 0;
    for (int s = BinaryReader.count(rec); s > 0; s--) {
      Labels labels = BinaryReader.labels(rec);
      MemStream stream = tenant.streams.computeIfAbsent(labels, MemStream::new);
      long[] done = flushed == null ? null : flushed.get(tenant.id, labels);
      int count = BinaryReader.count(rec);
      for (int index = 0; index < count; index++) {
        long ts = Varint.getVarint(rec);
        int len = BinaryReader.count(rec);
        int off = rec.position();
        rec.position(off + len);
        Labels meta = BinaryReader.labels(rec);
        if (done != null
            && (walPosition < done[0] || (walPosition == done[0] && index <= done[1]))) {
          continue;
        }
        int b =
            stream.add(
                ts, rec.array(), rec.arrayOffset() + off, len, meta, walPosition, index, now);
        if (b > 0) {
          added++;
          bytes.addAndGet(b);
          if (stream.openLineBytes() >= options.blockSizeBytes()) {
            cut(stream);
          }
        }
      }
    }
    entriesAppended.addAndGet(added);
    return added;
  }

  /** Cuts a stream's open block into a compressed block; adjusts the head size. */
  void cut(MemStream stream) {
    bytes.addAndGet(
        stream.cut(
            codecs.get(), scratch.get(), options.filterBudget(), blockSeq.incrementAndGet()));
  }
}
