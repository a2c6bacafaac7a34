package io.moraine.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.encoding.CorruptionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndexCorruptionTest {
  @TempDir Path dir = Path.of("unset");
  private Path file = Path.of("unset");
  private byte[] good = new byte[0];
  private long[] sectionOffsets = new long[0];

  @BeforeEach
  void writeIndex() throws IOException {
    file = dir.resolve("index");
    TestSeries.write(file, TestSeries.random(11, 500));
    good = Files.readAllBytes(file);
    ByteBuffer toc =
        ByteBuffer.wrap(good, good.length - IndexFormat.TOC_SIZE, IndexFormat.TOC_SIZE);
    sectionOffsets = new long[IndexFormat.SECTION_COUNT];
    for (int i = 0; i < sectionOffsets.length; i++) {
      sectionOffsets[i] = toc.getLong();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void flippedPayloadByteNamesFileAndSection(int section) throws IOException {
    int payload = (int) sectionOffsets[section] + 4;
    int len = ByteBuffer.wrap(good).getInt(payload - 4);
    for (int at : new int[] {payload, payload + len / 2, payload + len - 1}) {
      assertCorrupt(at, IndexFormat.SECTION_NAMES[section] + " section: checksum mismatch");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void flippedLengthOrChecksumIsDetected(int section) throws IOException {
    int start = (int) sectionOffsets[section];
    int len = ByteBuffer.wrap(good).getInt(start);
    assertCorrupt(start + 3, IndexFormat.SECTION_NAMES[section] + " section");
    assertCorrupt(start + 4 + len + 2, IndexFormat.SECTION_NAMES[section] + " section");
  }

  @Test
  void flippedTocIsDetected() throws IOException {
    assertCorrupt(good.length - IndexFormat.TOC_SIZE + 7, "TOC: checksum mismatch");
    assertCorrupt(good.length - 1, "TOC: checksum mismatch");
  }

  @Test
  void badMagicAndUnknownVersionAreRefused() throws IOException {
    assertCorrupt(0, "not a index file");
    byte[] b = good.clone();
    b[4] = 2;
    Files.write(file, b);
    assertThatThrownBy(() -> BlockIndexReader.open(file))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("unsupported index version 2");
  }

  @Test
  void truncatedFileIsRefused() throws IOException {
    for (int len : new int[] {0, 7, 30, good.length / 2, good.length - 1}) {
      Files.write(file, Arrays.copyOf(good, len));
      assertThatThrownBy(() -> BlockIndexReader.open(file))
          .isInstanceOf(CorruptionException.class)
          .hasMessageContaining(file.toString());
    }
  }

  @Test
  void intactFileOpens() throws IOException {
    try (BlockIndexReader r = BlockIndexReader.open(file)) {
      assertThat(r.numSeries()).isEqualTo(500);
    }
  }

  private void assertCorrupt(int at, String message) throws IOException {
    byte[] b = good.clone();
    b[at] ^= 0x40;
    Files.write(file, b);
    assertThatThrownBy(() -> BlockIndexReader.open(file).close())
        .as("byte %d", at)
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(message);
  }
}
