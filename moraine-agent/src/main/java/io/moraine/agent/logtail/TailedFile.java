package io.moraine.agent.logtail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod log file being followed: reads complete lines from an open channel, joins partial lines
 * per stream and hands entries to a {@link Sink}. Follows a rotation (the path names a new inode:
 * the old file is read to its end first) and a truncation (the file got shorter than what was read:
 * restart at 0). Not thread-safe: owned by the tailer thread.
 */
final class TailedFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TailedFile.class);

  /** Where entries go. */
  interface Sink {
    void entry(String labels, long timeNanos, byte[] line);

    void dropped(String reason);
  }

  private static final class Partial {
    byte[] bytes = new byte[256];
    int length;
    long timeNanos;
    boolean pending;
  }

  final PodLogFile id;
  private final Path path;
  private final String[] labels;
  private final int maxLineBytes;
  private final byte[] buf;
  private final Partial[] partials = {new Partial(), new Partial()};
  private FileChannel channel;
  private long inode;
  private long bufStart;
  private int bufLength;
  private boolean skipping;
  private long safeOffset;
  private long lineEnd;
  private boolean rotated;
  private boolean removed;
  private boolean atEnd;
  private @Nullable Position recorded;

  /**
   * Opens {@code path} (expected to be inode {@code inode}, which may be a rotated sibling of the
   * file named by {@code id}) at {@code offset}.
   */
  TailedFile(PodLogFile id, Path path, long offset, String[] labels, int maxLineBytes)
      throws IOException {
    this.id = id;
    this.path = path;
    this.labels = labels;
    this.maxLineBytes = maxLineBytes;
    this.buf = new byte[Math.max(1 << 16, maxLineBytes + 4096)];
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    this.inode = inode(path);
    this.bufStart = offset;
    this.safeOffset = offset;
  }

  /** The inode of {@code p}, following no links. */
  static long inode(Path p) throws IOException {
    return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
  }

  long inode() {
    return inode;
  }

  /** The path now names another inode: finish this one, then continue with the new file at 0. */
  void rotated() {
    rotated = true;
  }

  /** The file is gone from the pod log root: finish it, then {@link #finished} turns true. */
  void removed() {
    removed = true;
  }

  /** A removed file that has been read to its end. */
  boolean finished() {
    return removed && atEnd;
  }

  /** The position to record, or null when it is unchanged since the last call. */
  @Nullable Position takeChangedPosition() {
    Position now = new Position(inode, safeOffset);
    if (now.equals(recorded)) {
      return null;
    }
    recorded = now;
    return now;
  }

  /**
   * Reads what is new and decodes its complete lines.
   *
   * @param wallNanos the time given to lines without a readable timestamp
   * @return whether any bytes were read
   */
  boolean poll(LineDecoder decoder, Sink sink, long wallNanos) throws IOException {
    long size = channel.size();
    if (size < bufStart + bufLength) {
      LOG.atInfo()
          .addKeyValue("file", id.relPath())
          .addKeyValue("size", size)
          .addKeyValue("offset", bufStart + bufLength)
          .log("log file truncated, reading it again from the start");
      restartAt(0);
    }
    int n =
        channel.read(ByteBuffer.wrap(buf, bufLength, buf.length - bufLength), bufStart + bufLength);
    atEnd = n <= 0;
    if (atEnd) {
      if (rotated && !removed) {
        switchToNewFile();
        return true;
      }
      return false;
    }
    bufLength += n;
    lines(decoder, sink, wallNanos);
    return true;
  }

  private void lines(LineDecoder decoder, Sink sink, long wallNanos) {
    int start = 0;
    for (int i = 0; i < bufLength; i++) {
      if (buf[i] != '\n') {
        continue;
      }
      if (skipping) {
        skipping = false;
      } else {
        int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
        lineEnd = bufStart + i + 1;
        decoder.decode(buf, start, end, wallNanos);
        line(decoder, sink);
      }
      start = i + 1;
      if (!partials[0].pending && !partials[1].pending) {
        safeOffset = bufStart + start;
      }
    }
    if (start == 0 && bufLength == buf.length) {
      skipping = true;
      start = bufLength;
      sink.dropped("line_too_long");
    }
    System.arraycopy(buf, start, buf, 0, bufLength - start);
    bufLength -= start;
    bufStart += start;
  }

  private void line(LineDecoder d, Sink sink) {
    if (d.stream == LineDecoder.UNKNOWN) {
      emit(sink, labels[LineDecoder.UNKNOWN], d.timeNanos, copy(d));
      return;
    }
    Partial p = partials[d.stream];
    if (!p.pending && !d.partial) {
      emit(sink, labels[d.stream], d.timeNanos, copy(d));
      return;
    }
    if (!p.pending) {
      p.pending = true;
      p.timeNanos = d.timeNanos;
      p.length = 0;
    }
    int take = Math.min(d.contentLength, maxLineBytes - p.length);
    if (take > 0) {
      if (p.length + take > p.bytes.length) {
        p.bytes = Arrays.copyOf(p.bytes, Math.max(p.bytes.length * 2, p.length + take));
      }
      System.arraycopy(d.content, d.contentStart, p.bytes, p.length, take);
      p.length += take;
    }
    if (!d.partial) {
      p.pending = false;
      emit(sink, labels[d.stream], p.timeNanos, Arrays.copyOf(p.bytes, p.length));
    }
  }

  /** Moves the safe offset past this line first, so that a batch sealed by the sink covers it. */
  private void emit(Sink sink, String streamLabels, long timeNanos, byte[] line) {
    if (!partials[0].pending && !partials[1].pending) {
      safeOffset = lineEnd;
    }
    sink.entry(streamLabels, timeNanos, line);
  }

  private byte[] copy(LineDecoder d) {
    int n = Math.min(d.contentLength, maxLineBytes);
    return Arrays.copyOfRange(d.content, d.contentStart, d.contentStart + n);
  }

  private void restartAt(long offset) {
    bufStart = offset;
    bufLength = 0;
    safeOffset = offset;
    skipping = false;
    for (Partial p : partials) {
      p.pending = false;
    }
  }

  private void switchToNewFile() throws IOException {
    Path live = path.resolveSibling(id.relPath().substring(id.relPath().lastIndexOf('/') + 1));
    FileChannel next = FileChannel.open(live, StandardOpenOption.READ);
    channel.close();
    channel = next;
    inode = inode(live);
    rotated = false;
    restartAt(0);
    LOG.atInfo()
        .addKeyValue("file", id.relPath())
        .addKeyValue("inode", inode)
        .log("log file rotated, following the new file");
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
