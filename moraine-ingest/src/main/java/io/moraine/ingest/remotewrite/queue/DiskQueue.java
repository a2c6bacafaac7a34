package io.moraine.ingest.remotewrite.queue;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.encoding.FormatHeader;
import io.moraine.core.time.Clock;
import io.moraine.ingest.remotewrite.queue.AckFile.Position;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable FIFO of committed samples for one remote-write destination ({@code
 * docs/format/remote-write-queue.md}). Thread-safe: any number of threads may {@link #append}; one
 * reader calls {@link #next}; any thread may {@link #release} samples of records it was given.
 *
 * <p>Records are read in append order; the acknowledged position moves past a record once all its
 * samples are released and all earlier records are, and segments wholly before it are deleted.
 * After a restart reading resumes at the last persisted acknowledged position.
 */
public final class DiskQueue implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(DiskQueue.class);
  private static final long HEADER = FormatHeader.SIZE;
  private static final long PERSIST_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final QueueOptions options;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition appended = lock.newCondition();
  private final RecordCodec codec = new RecordCodec();

  /** Segment number to [bytes, samples]; guarded by lock. */
  private final TreeMap<Long, long[]> segments = new TreeMap<>();

  private final ArrayDeque<QueueRecord> outstanding = new ArrayDeque<>();
  private final AtomicLong droppedSamples = new AtomicLong();
  private final AtomicLong totalBytes = new AtomicLong();
  private final AtomicLong unreadSamples = new AtomicLong();

  private @Nullable FileChannel head;
  private long headNumber;
  private Position acked;
  private Position persisted;
  private long persistedAtNanos;
  private long readSegment;
  private long readOffset;
  private @Nullable FileChannel readChannel;
  private long readChannelNumber = -1;
  private boolean closed;

  private DiskQueue(QueueOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
    this.acked = new Position(1, HEADER);
    this.persisted = acked;
  }

  private FileChannel head() {
    FileChannel h = head;
    if (h == null) {
      throw new IllegalStateException("BUG: remote-write queue has no head segment");
    }
    return h;
  }

  private long[] info(long number) {
    long[] info = segments.get(number);
    if (info == null) {
      throw new IllegalStateException("BUG: remote-write queue segment " + number + " unknown");
    }
    return info;
  }

  /**
   * Opens (or creates) the queue in {@code options.dir()}: checks every segment, cutting a torn
   * tail, and resumes from the persisted acknowledged position.
   *
   * @throws UncheckedIOException when the directory cannot be used
   * @throws CorruptionException when a segment is of another format or version
   */
  public static DiskQueue open(QueueOptions options, Clock clock) {
    DiskQueue q = new DiskQueue(Objects.requireNonNull(options), Objects.requireNonNull(clock));
    try {
      q.load();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open remote-write queue " + options.dir(), e);
    }
    return q;
  }

  private void load() throws IOException {
    Path dir = options.dir();
    Files.createDirectories(dir);
    Position ack = readAck(dir);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.length() == 8 && name.chars().allMatch(Character::isDigit)) {
          long n = Long.parseLong(name);
          if (ack != null && n < ack.segment()) {
            Files.delete(f);
            continue;
          }
          SegmentScan.Result r = SegmentScan.scan(f, n, Long.MAX_VALUE, true);
          if (r.bytes() < HEADER) {
            Files.delete(f);
            continue;
          }
          segments.put(n, new long[] {r.bytes(), r.samples()});
        }
      }
    }
    long next = segments.isEmpty() ? Math.max(1, ack == null ? 1 : ack.segment()) : 0;
    if (next > 0) {
      createSegment(next);
    } else {
      Map.Entry<Long, long[]> last = segments.lastEntry();
      headNumber = last.getKey();
      FileChannel h = FileChannel.open(segmentPath(headNumber), StandardOpenOption.WRITE);
      h.position(last.getValue()[0]);
      head = h;
    }
    acked = clamp(ack);
    persisted = acked;
    persistedAtNanos = clock.nanoTime();
    readSegment = acked.segment();
    readOffset = acked.offset();
    long unread = 0;
    for (Map.Entry<Long, long[]> e : segments.entrySet()) {
      unread += e.getValue()[1];
      totalBytes.addAndGet(e.getValue()[0]);
    }
    long[] first = segments.get(acked.segment());
    if (first != null && acked.offset() > HEADER) {
      unread -= first[1] - samplesAfter(acked.segment(), acked.offset());
    }
    unreadSamples.set(unread);
  }

  private @Nullable Position readAck(Path dir) throws IOException {
    try {
      return AckFile.read(dir);
    } catch (CorruptionException e) {
      LOG.atWarn()
          .addKeyValue("dir", dir)
          .addKeyValue("detail", e.getMessage())
          .log("remote-write queue ack file is damaged; resending from the oldest segment");
      return null;
    }
  }

  private Position clamp(@Nullable Position ack) {
    long first = segments.firstKey();
    if (ack == null || ack.segment() < first) {
      return new Position(first, HEADER);
    }
    Map.Entry<Long, long[]> s = segments.floorEntry(ack.segment());
    if (s.getKey() != ack.segment()) {
      return new Position(s.getKey(), s.getValue()[0]);
    }
    return new Position(ack.segment(), Math.clamp(ack.offset(), HEADER, s.getValue()[0]));
  }

  private void createSegment(long number) throws IOException {
    Path p = segmentPath(number);
    FileChannel ch =
        FileChannel.open(
            p,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    ByteBuffer h = ByteBuffer.allocate((int) HEADER);
    FormatHeader.write(h, SegmentScan.MAGIC, 1);
    h.flip();
    while (h.hasRemaining()) {
      ch.write(h);
    }
    head = ch;
    headNumber = number;
    segments.put(number, new long[] {HEADER, 0});
    totalBytes.addAndGet(HEADER);
  }

  private Path segmentPath(long number) {
    return options.dir().resolve(String.format("%08d", number));
  }

  /**
   * Appends {@code batch} as one record; returns once it is written to the OS. An empty batch is
   * not written.
   *
   * @throws UncheckedIOException when the segment cannot be written
   * @throws IllegalStateException after {@link #close}
   */
  public void append(SampleBatch batch) {
    if (batch.size() == 0) {
      return;
    }
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("remote-write queue " + options.dir() + " is closed");
      }
      int length = codec.encodeFrame(batch);
      long[] info = info(headNumber);
      if (info[0] > HEADER && info[0] + length > options.segmentBytes()) {
        head().force(false);
        head().close();
        createSegment(headNumber + 1);
        info = info(headNumber);
      }
      ByteBuffer frame = ByteBuffer.wrap(codec.buffer(), 0, length);
      FileChannel h = head();
      while (frame.hasRemaining()) {
        h.write(frame);
      }
      info[0] += length;
      info[1] += batch.size();
      totalBytes.addAndGet(length);
      unreadSamples.addAndGet(batch.size());
      enforceCapacity();
      appended.signalAll();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to remote-write queue " + options.dir(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drops oldest segments while over the bound. Samples not yet read from a dropped segment are
   * lost and counted; records already read stay with the sender, which may still deliver them.
   */
  private void enforceCapacity() throws IOException {
    boolean dropped = false;
    while (totalBytes.get() > options.maxDiskBytes() && segments.size() > 1) {
      Map.Entry<Long, long[]> oldest = segments.firstEntry();
      long n = oldest.getKey();
      long lost =
          readSegment > n
              ? 0
              : readSegment < n ? oldest.getValue()[1] : samplesAfter(n, readOffset);
      segments.pollFirstEntry();
      if (readChannelNumber == n) {
        closeReadChannel();
      }
      Files.deleteIfExists(segmentPath(n));
      totalBytes.addAndGet(-oldest.getValue()[0]);
      droppedSamples.addAndGet(lost);
      unreadSamples.addAndGet(-lost);
      long first = segments.firstKey();
      if (acked.segment() <= n) {
        acked = new Position(first, HEADER);
      }
      if (readSegment <= n) {
        readSegment = first;
        readOffset = HEADER;
      }
      dropped = true;
      LOG.atWarn()
          .addKeyValue("dir", options.dir())
          .addKeyValue("segment", n)
          .addKeyValue("samples_dropped", lost)
          .log("remote-write queue is full; dropped its oldest segment");
    }
    if (dropped) {
      persist(true);
    }
  }

  private long samplesAfter(long n, long offset) throws IOException {
    return SegmentScan.scan(segmentPath(n), n, offset, false).samplesAfter();
  }

  /**
   * The next record after those already returned, waiting up to {@code timeoutNanos} for one to be
   * appended. Only one thread may call this.
   *
   * @return the record, or null on timeout or after {@link #close}
   * @throws UncheckedIOException when a segment cannot be read
   */
  public @Nullable QueueRecord next(long timeoutNanos) throws InterruptedException {
    long remaining = timeoutNanos;
    lock.lock();
    try {
      while (true) {
        if (closed) {
          return null;
        }
        long[] info = segments.get(readSegment);
        if (info == null) {
          Long higher = segments.higherKey(readSegment);
          readSegment = higher == null ? headNumber : higher;
          readOffset = HEADER;
          continue;
        }
        if (readOffset < info[0]) {
          QueueRecord r = readAt(readSegment, readOffset, info[0]);
          if (r != null) {
            return r;
          }
          continue;
        }
        if (readSegment < headNumber) {
          Long higher = segments.higherKey(readSegment);
          readSegment = higher == null ? headNumber : higher;
          readOffset = HEADER;
          continue;
        }
        if (remaining <= 0) {
          return null;
        }
        remaining = appended.awaitNanos(remaining);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read remote-write queue " + options.dir(), e);
    } finally {
      lock.unlock();
    }
  }

  private @Nullable QueueRecord readAt(long number, long offset, long limit) throws IOException {
    FileChannel ch = readChannel;
    if (ch == null || readChannelNumber != number) {
      closeReadChannel();
      ch = FileChannel.open(segmentPath(number), StandardOpenOption.READ);
      readChannel = ch;
      readChannelNumber = number;
    }
    ByteBuffer h = ByteBuffer.allocate(RecordCodec.FRAME_HEADER);
    readFully(ch, h, offset);
    int length = h.getInt(0);
    int crc = h.getInt(4);
    long end = offset + RecordCodec.FRAME_HEADER + length;
    if (length < 1 || end > limit) {
      return skipDamaged(number, offset, "frame length " + length + " runs past the segment");
    }
    ByteBuffer rec = ByteBuffer.allocate(length);
    readFully(ch, rec, offset + RecordCodec.FRAME_HEADER);
    rec.flip();
    if (io.moraine.core.encoding.Crc32c.of(rec) != crc) {
      return skipDamaged(number, offset, "checksum mismatch");
    }
    QueueRecord r;
    try {
      r = RecordCodec.decode(rec, number, end);
    } catch (IllegalArgumentException e) {
      return skipDamaged(number, offset, String.valueOf(e.getMessage()));
    }
    readOffset = end;
    unreadSamples.addAndGet(-r.size());
    if (r.remaining == 0) {
      advance(r);
    } else {
      outstanding.addLast(r);
    }
    return r;
  }

  private @Nullable QueueRecord skipDamaged(long number, long offset, String why) {
    LOG.atWarn()
        .addKeyValue("file", segmentPath(number))
        .addKeyValue("offset", offset)
        .addKeyValue("detail", why)
        .log("remote-write queue record damaged; skipping the rest of its segment");
    readOffset = info(number)[0];
    return null;
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    while (b.hasRemaining()) {
      int k = ch.read(b, at + b.position());
      if (k < 0) {
        throw new IOException("unexpected end of segment at " + (at + b.position()));
      }
    }
  }

  private void closeReadChannel() throws IOException {
    FileChannel ch = readChannel;
    if (ch != null) {
      ch.close();
    }
    readChannel = null;
    readChannelNumber = -1;
  }

  /**
   * Marks {@code samples} samples of {@code record} as done (sent, or dropped for good). When a
   * record and all before it are done the acknowledged position moves past it.
   */
  public void release(QueueRecord record, int samples) {
    lock.lock();
    try {
      record.remaining -= samples;
      if (record.remaining < 0) {
        throw new IllegalStateException("BUG: more samples released than the record holds");
      }
      QueueRecord first;
      while ((first = outstanding.peekFirst()) != null && first.remaining == 0) {
        outstanding.pollFirst();
        advance(first);
      }
      persist(false);
    } catch (IOException e) {
      LOG.atWarn()
          .addKeyValue("dir", options.dir())
          .addKeyValue("detail", e.getMessage())
          .log("cannot persist the remote-write queue's acknowledged position");
    } finally {
      lock.unlock();
    }
  }

  private void advance(QueueRecord r) {
    Position p = new Position(r.segment, r.endOffset);
    if (p.compareTo(acked) > 0 && segments.containsKey(r.segment)) {
      acked = p;
    }
  }

  /** Persists the acknowledged position when due (or forced) and deletes segments before it. */
  private void persist(boolean force) throws IOException {
    if (acked.equals(persisted)) {
      return;
    }
    long now = clock.nanoTime();
    boolean due = now - persistedAtNanos >= PERSIST_INTERVAL_NANOS;
    if (!force && !due && acked.segment() == persisted.segment()) {
      return;
    }
    AckFile.write(options.dir(), acked);
    persisted = acked;
    persistedAtNanos = now;
    while (!segments.isEmpty() && segments.firstKey() < acked.segment()) {
      Map.Entry<Long, long[]> done = segments.pollFirstEntry();
      Files.deleteIfExists(segmentPath(done.getKey()));
      totalBytes.addAndGet(-done.getValue()[0]);
    }
  }

  /** Samples appended and not yet read by {@link #next}. */
  public long unreadSamples() {
    return unreadSamples.get();
  }

  /** Samples lost because the queue was full (their segment was dropped unacknowledged). */
  public long droppedSamples() {
    return droppedSamples.get();
  }

  /** Bytes the segments take on disk. */
  public long diskBytes() {
    return totalBytes.get();
  }

  /** The queue's directory. */
  public Path dir() {
    return options.dir();
  }

  /**
   * Persists the acknowledged position and closes the files; a waiting {@link #next} returns null.
   * Idempotent.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      appended.signalAll();
      persist(true);
      head().force(false);
      head().close();
      closeReadChannel();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close remote-write queue " + options.dir(), e);
    } finally {
      lock.unlock();
    }
  }
}
