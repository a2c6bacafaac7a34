package io.moraine.ingest.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileGlobTest {
  @TempDir Path dir;

  @BeforeEach
  void files() throws Exception {
    for (String n : List.of("a.json", "b.json", "ab.json", ".hidden.json", "c.yml", "x.txt")) {
      Files.writeString(dir.resolve(n), "[]");
    }
  }

  private List<String> names(String glob) {
    return FileGlob.compile(dir + "/" + glob).list().stream()
        .map(p -> Path.of(p).getFileName().toString())
        .toList();
  }

  @Test
  void matchesGoGlobSyntaxInTheLastSegmentSorted() {
    assertThat(names("*.json")).containsExactly(".hidden.json", "a.json", "ab.json", "b.json");
    assertThat(names("?.json")).containsExactly("a.json", "b.json");
    assertThat(names("[ab].json")).containsExactly("a.json", "b.json");
    assertThat(names("[^a].json")).containsExactly("b.json");
    assertThat(names("[a-b]*.json")).containsExactly("a.json", "ab.json", "b.json");
    assertThat(names("\\a.json")).containsExactly("a.json");
    assertThat(names("*.y*ml")).containsExactly("c.yml");
  }

  @Test
  void aPlainPathNamesItselfWhenItExists() {
    assertThat(FileGlob.compile(dir + "/a.json").list()).containsExactly(dir + "/a.json");
    assertThat(FileGlob.compile(dir + "/none.json").list()).isEmpty();
    assertThat(FileGlob.compile(dir + "/missing/*.json").list()).isEmpty();
  }

  @Test
  void globbedPathsAreCleanedAsGoJoinsThem() {
    assertThat(FileGlob.compile(dir + "//./a*.json").list())
        .containsExactly(dir + "/a.json", dir + "/ab.json");
    assertThat(FileGlob.compile("*.json").directory()).isEqualTo(Path.of("."));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          d/[a.json   | syntax error in pattern
          d/[].json   | syntax error in pattern
          d/[b-a].json | syntax error in pattern
          d?/a*.json  | glob characters are allowed only in the file name
          """)
  void refusesBadPatterns(String pattern, String message) {
    assertThatThrownBy(() -> FileGlob.compile(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path name \"" + pattern + "\" is not valid for file discovery: " + message);
  }

  @Test
  void optionsFollowPrometheusRules() {
    assertThat(new FileDiscoveryOptions(List.of("a/*.json")).refreshInterval())
        .isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> new FileDiscoveryOptions(List.of()))
        .hasMessage("file service discovery config must contain at least one path name");
    assertThatThrownBy(() -> new FileDiscoveryOptions(List.of("a/*/b.json")))
        .hasMessage("path name \"a/*/b.json\" is not valid for file discovery");
    assertThatThrownBy(() -> new FileDiscoveryOptions(List.of("a/b.txt")))
        .hasMessage("path name \"a/b.txt\" is not valid for file discovery");
    assertThatThrownBy(() -> new FileDiscoveryOptions(List.of("a.json"), Duration.ZERO))
        .hasMessageContaining("refresh_interval must be positive");
  }
}
