package io.moraine.ingest.remotewrite.queue;

import io.moraine.core.encoding.Crc32c;
import io.moraine.core.encoding.FormatHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a segment on open: its header, then every frame; a tail that does not check is cut at the
 * end of the last good frame with a warning. Counts the samples of the good frames.
 */
final class SegmentScan {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentScan.class);

  static final int MAGIC = 0x4D525751; // "MRWQ"

  /** The checked size of a segment and its samples, overall and after {@code fromOffset}. */
  record Result(long bytes, long samples, long samplesAfter) {}

  private SegmentScan() {}

  /**
   * Scans {@code file}, truncating a bad tail.
   *
   * @param fromOffset samples of frames starting at or after it are also counted separately
   * @throws io.moraine.core.encoding.CorruptionException when the header is not this format's
   */
  static Result scan(Path file, long number, long fromOffset, boolean truncate) throws IOException {
    try (FileChannel ch =
        FileChannel.open(
            file,
            truncate ? StandardOpenOption.WRITE : StandardOpenOption.READ,
            StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < FormatHeader.SIZE) {
        return cut(ch, file, 0, size, truncate, new Result(0, 0, 0));
      }
      ByteBuffer all = ByteBuffer.allocate((int) size);
      while (all.hasRemaining() && ch.read(all, all.position()) > 0) {}
      all.flip();
      FormatHeader.read(all, file, MAGIC, 1, "remote-write queue segment");
      long samples = 0;
      long after = 0;
      long good = FormatHeader.SIZE;
      while (all.remaining() >= RecordCodec.FRAME_HEADER) {
        int start = all.position();
        int length = all.getInt();
        int crc = all.getInt();
        if (length < 1 || length > all.remaining()) {
          break;
        }
        ByteBuffer rec = all.slice(all.position(), length);
        if (Crc32c.of(rec) != crc) {
          break;
        }
        int n;
        try {
          n = RecordCodec.decode(rec, number, 0).size();
        } catch (IllegalArgumentException e) {
          break;
        }
        all.position(all.position() + length);
        good = all.position();
        samples += n;
        if (start >= fromOffset) {
          after += n;
        }
      }
      return cut(ch, file, good, size, truncate, new Result(good, samples, after));
    }
  }

  private static Result cut(
      FileChannel ch, Path file, long good, long size, boolean truncate, Result r)
      throws IOException {
    if (good < size && truncate) {
      LOG.atWarn()
          .addKeyValue("file", file)
          .addKeyValue("offset", good)
          .addKeyValue("bytes_cut", size - good)
          .log(
              "remote-write queue segment has a torn or damaged tail; cut at the last good record");
      ch.truncate(good);
      ch.force(false);
    }
    return r;
  }
}
