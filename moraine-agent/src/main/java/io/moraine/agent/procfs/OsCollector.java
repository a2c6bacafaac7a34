package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * node_exporter's {@code os} collector: {@code node_os_info{build_id, id, id_like, image_id,
 * image_version, name, pretty_name, variant, variant_id, version, version_codename, version_id} 1}
 * and {@code node_os_version{id,id_like,name}} (the leading {@code major.minor} number of {@code
 * VERSION_ID}, written only when above 0) from {@code /etc/os-release} under the root, or {@code
 * /usr/lib/os-release} when that is missing. With neither file the families are absent (logged at
 * debug level). The parsed file is kept until its path or modification time changes. Not
 * thread-safe (the agent serialises scrapes).
 */
public final class OsCollector implements Collector {
  private static final Logger LOG = LoggerFactory.getLogger(OsCollector.class);

  private static final String[] FILES = {"/etc/os-release", "/usr/lib/os-release"};
  private static final String[] INFO_LABELS = {
    "build_id",
    "id",
    "id_like",
    "image_id",
    "image_version",
    "name",
    "pretty_name",
    "variant",
    "variant_id",
    "version",
    "version_codename",
    "version_id"
  };
  private static final String[] INFO_KEYS = {
    "BUILD_ID",
    "ID",
    "ID_LIKE",
    "IMAGE_ID",
    "IMAGE_VERSION",
    "NAME",
    "PRETTY_NAME",
    "VARIANT",
    "VARIANT_ID",
    "VERSION",
    "VERSION_CODENAME",
    "VERSION_ID"
  };
  private static final String[] VERSION_LABELS = {"id", "id_like", "name"};

  private final HostPaths paths;
  private @Nullable Path cachedFile;
  private @Nullable FileTime cachedMtime;
  private String[] info = new String[INFO_LABELS.length];
  private String[] versionLabels = new String[VERSION_LABELS.length];
  private double version;

  /**
   * @param paths where the host's root is mounted; reads {@code <rootfs>/etc/os-release} or {@code
   *     <rootfs>/usr/lib/os-release}
   */
  public OsCollector(HostPaths paths) {
    this.paths = Objects.requireNonNull(paths, "paths");
  }

  @Override
  public String name() {
    return "os";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    if (!refresh()) {
      return;
    }
    out.family(
        "node_os_info",
        MetricType.GAUGE,
        "A metric with a constant '1' value labeled by build_id, id, id_like, image_id,"
            + " image_version, name, pretty_name, variant, variant_id, version, version_codename,"
            + " version_id.");
    out.sample(INFO_LABELS, info, 1);
    if (version > 0) {
      out.family(
          "node_os_version",
          MetricType.GAUGE,
          "Metric containing the major.minor part of the OS version.");
      out.sample(VERSION_LABELS, versionLabels, version);
    }
  }

  /** Reads the first os-release file that exists, unless unchanged; false when there is none. */
  private boolean refresh() throws IOException {
    for (String name : FILES) {
      Path file = paths.root(name);
      FileTime mtime;
      try {
        mtime = Files.getLastModifiedTime(file);
      } catch (NoSuchFileException e) {
        continue;
      }
      if (file.equals(cachedFile) && mtime.equals(cachedMtime)) {
        return true;
      }
      Map<String, String> env;
      try {
        env = OsRelease.parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
      } catch (NoSuchFileException e) {
        continue;
      }
      String[] fresh = new String[INFO_KEYS.length];
      for (int i = 0; i < INFO_KEYS.length; i++) {
        fresh[i] = env.getOrDefault(INFO_KEYS[i], "");
      }
      info = fresh;
      versionLabels = new String[] {fresh[1], fresh[2], fresh[5]};
      version = majorMinor(fresh[11]);
      cachedFile = file;
      cachedMtime = mtime;
      return true;
    }
    LOG.atDebug().addKeyValue("files", String.join(",", FILES)).log("no os-release file found");
    return false;
  }

  /** The number at the start of {@code versionId} ({@code 22.04.1} → 22.04), or 0. */
  static double majorMinor(String versionId) {
    int i = 0;
    int n = versionId.length();
    while (i < n && isDigit(versionId.charAt(i))) {
      i++;
    }
    if (i == 0) {
      return 0;
    }
    if (i < n && versionId.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(versionId.charAt(i))) {
        i++;
      }
    }
    return Double.parseDouble(versionId.substring(0, i));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
