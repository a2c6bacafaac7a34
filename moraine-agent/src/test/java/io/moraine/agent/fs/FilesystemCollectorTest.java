package io.moraine.agent.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilesystemCollectorTest {
  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(FilesystemCollectorTest.class.getResource(name)).toURI());
  }

  /**
   * Golden files produced by node_exporter 1.5.0 on the same tree with the upstream default
   * exclusions: the fixture root has no directories, so every statfs fails and each kept mount is
   * reported with device_error 1 only.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mounts", "fallback"})
  void matchesNodeExporterOnFixture(String name) throws Exception {
    Recorded out = new Recorded();
    new FilesystemCollector(HostPaths.under(fixture(name)), FilesystemOptions.DEFAULT).collect(out);
    assertThat(out.text())
        .isEqualTo(Files.readString(fixture(name + ".prom"), StandardCharsets.UTF_8));
  }

  @Test
  void parsesEscapesAndReadOnly() throws IOException {
    List<Mount> m = MountTable.parse("/dev/sdb1 /data\\011x\\040y ext4 ro,noatime 0 0\n", "/");
    assertThat(m).containsExactly(new Mount("/dev/sdb1", "/data\tx y", "ext4", "ro,noatime"));
    assertThat(m.getFirst().readOnly()).isTrue();
    assertThat(new Mount("a", "/", "ext4", "rw,errors=remount-ro").readOnly()).isFalse();
  }

  @Test
  void malformedLineNamesTheLine() {
    assertThatThrownBy(() -> MountTable.parse("/dev/a / ext4 rw 0 0\n/dev/b /x\n", "/"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("/dev/b /x");
  }

  @Test
  void stripsRootfsAtPathBoundaries() {
    assertThat(MountTable.stripRootfs("/host", "/host")).isEqualTo("/");
    assertThat(MountTable.stripRootfs("/host/var/lib", "/host")).isEqualTo("/var/lib");
    assertThat(MountTable.stripRootfs("/host/var", "/host/")).isEqualTo("/var");
    assertThat(MountTable.stripRootfs("/hostile", "/host")).isEqualTo("/hostile");
    assertThat(MountTable.stripRootfs("/proc", "/")).isEqualTo("/proc");
  }

  /** Statvfs on this machine's real mounts agrees with coreutils' {@code stat -f}. */
  @Test
  void realMountsAgreeWithStatF() throws Exception {
    Recorded out = new Recorded();
    new FilesystemCollector(HostPaths.DEFAULT, FilesystemOptions.DEFAULT).collect(out);
    assertThat(out.families()).containsKey("node_filesystem_device_error");
    double rootSize = out.value("node_filesystem_size_bytes", "mountpoint", "/");
    assertThat(rootSize).isPositive();
    assertThat(out.value("node_filesystem_files", "mountpoint", "/")).isPositive();
    assertThat(out.value("node_filesystem_device_error", "mountpoint", "/")).isZero();

    // %S fundamental block size (f_frsize... coreutils prints f_bsize as %s), %b blocks, %c files
    Process p = new ProcessBuilder("stat", "-f", "-c", "%s %b %c", "/").start();
    String[] f =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
    assertThat(p.waitFor()).isZero();
    assertThat(rootSize).isEqualTo(Double.parseDouble(f[0]) * Double.parseDouble(f[1]));
    assertThat(out.value("node_filesystem_files", "mountpoint", "/"))
        .isEqualTo(Double.parseDouble(f[2]));
    List<String> errors = new ArrayList<>();
    out.samples("node_filesystem_device_error")
        .forEach(
            s -> {
              if (s.value() != 0) {
                errors.add(s.labels().toString());
              }
            });
    assertThat(errors).as("mounts whose statvfs failed").isEmpty();
  }
}
