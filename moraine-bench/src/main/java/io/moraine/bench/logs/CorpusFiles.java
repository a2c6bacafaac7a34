package io.moraine.bench.logs;

import java.nio.file.Path;

/**
 * The files of a generated corpus directory.
 *
 * <ul>
 *   <li>{@code corpus.log}: every line's text and a newline, in the entries' order (the input of
 *       the {@code zstd} and {@code grep} reference).
 *   <li>{@code entries.bin}: the push-ready form. The 8 bytes {@code MLCORP01}, then per entry, in
 *       time order across streams: stream index (int32, big-endian), timestamp in Unix nanoseconds
 *       (int64), line length (int32), the line's UTF-8 bytes.
 *   <li>{@code streams.txt}: one stream's labels per line in Loki's form; line {@code i} (from 0)
 *       is stream index {@code i}.
 *   <li>{@code manifest.json}: see {@link CorpusManifest}.
 * </ul>
 */
record CorpusFiles(Path dir) {
  static final byte[] MAGIC = {'M', 'L', 'C', 'O', 'R', 'P', '0', '1'};

  Path corpus() {
    return dir.resolve("corpus.log");
  }

  Path entries() {
    return dir.resolve("entries.bin");
  }

  Path streams() {
    return dir.resolve("streams.txt");
  }

  Path manifest() {
    return dir.resolve("manifest.json");
  }
}
