package io.moraine.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "0B, 0",
    "512B, 512",
    "1KB, 1024",
    "1KiB, 1024",
    "1MB, 1048576",
    "10GB, 10737418240",
    "1TB, 1099511627776",
    "1PB, 1125899906842624",
    "1EB, 1152921504606846976",
    "1.5KB, 1536",
    ".5MB, 524288",
    "1GB512MB, 1610612736",
  })
  void parsesAsPrometheusDoes(String text, long bytes) {
    assertThat(ByteSizes.parseBytes(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "10kB", "10XB", "-1GB", "GB", "1..5GB", "8EB", "1 GB"})
  void rejectsWhatPrometheusRejects(String text) {
    assertThatThrownBy(() -> ByteSizes.parseBytes(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size");
  }

  @ParameterizedTest
  @CsvSource({"0, 0B", "1023, 1023B", "1024, 1KB", "1536, 1536B", "536870912, 512MB"})
  void formatsInTheLargestExactUnit(long bytes, String text) {
    assertThat(ByteSizes.format(bytes)).isEqualTo(text);
    assertThat(ByteSizes.parseBytes(text)).isEqualTo(bytes);
  }
}
