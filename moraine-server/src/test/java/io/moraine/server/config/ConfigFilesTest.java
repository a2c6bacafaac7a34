package io.moraine.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code *.good.yml} under {@code src/test/resources/config} loads; every {@code *.bad.yml}
 * fails with the message in its first line ({@code # <line>:<column>: <reason>}).
 */
class ConfigFilesTest {
  static Path dir() throws URISyntaxException {
    return Path.of(Objects.requireNonNull(ConfigFilesTest.class.getResource("/config")).toURI());
  }

  static List<Path> files(String suffix) throws IOException, URISyntaxException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  static List<Path> goodFiles() throws IOException, URISyntaxException {
    return files(".good.yml");
  }

  static List<Path> badFiles() throws IOException, URISyntaxException {
    return files(".bad.yml");
  }

  @Test
  void thereAreFilesOfBothKinds() throws Exception {
    assertThat(goodFiles()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(badFiles()).hasSizeGreaterThanOrEqualTo(15);
  }

  @ParameterizedTest
  @MethodSource("goodFiles")
  void goodFileLoads(Path file) throws Exception {
    MoraineConfig c = ConfigLoader.load(file);
    assertThat(c.storage().tsdb().effectiveRetentionTimeMillis()).isGreaterThanOrEqualTo(0);
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void badFileFailsWithItsMessage(Path file) throws Exception {
    String firstLine = Files.readAllLines(file).getFirst();
    assertThat(firstLine).as("first line holds the expected message").startsWith("# ");
    String expected = "config file " + file + ":" + firstLine.substring(2);
    assertThatThrownBy(() -> ConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(expected);
  }
}
