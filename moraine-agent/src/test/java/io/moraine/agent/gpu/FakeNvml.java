package io.moraine.agent.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Builds the fake NVML of {@code fake_nvml.c} with the system C compiler. */
final class FakeNvml {
  private FakeNvml() {}

  /**
   * Copies {@code config} (a resource next to this class) into {@code dir} with {@code extraLines}
   * appended, and compiles {@code dir/libnvidia-ml.so.1} reading it.
   *
   * @param defines extra {@code -D} macros, e.g. {@code FAKE_NVML_NO_ENERGY}
   * @return the library
   */
  static Path build(Path dir, String config, List<String> extraLines, String... defines)
      throws IOException, InterruptedException {
    Path source = dir.resolve("fake_nvml.c");
    copy("fake_nvml.c", source);
    Path conf = dir.resolve("nvml.conf");
    copy(config, conf);
    Files.write(conf, extraLines, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    Path lib = dir.resolve("libnvidia-ml.so.1");
    List<String> cmd =
        new ArrayList<>(List.of("cc", "-shared", "-fPIC", "-O1", "-Wall", "-Werror"));
    cmd.add("-DFAKE_NVML_CONFIG=\"" + conf.toAbsolutePath() + "\"");
    for (String d : defines) {
      cmd.add("-D" + d);
    }
    cmd.addAll(List.of("-o", lib.toString(), source.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("cc failed: " + cmd + "\n" + output);
    }
    return lib;
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = FakeNvml.class.getResourceAsStream(resource)) {
      Files.copy(Objects.requireNonNull(in, resource), to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
