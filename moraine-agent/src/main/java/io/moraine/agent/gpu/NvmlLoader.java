package io.moraine.agent.gpu;

import io.moraine.agent.collector.HostPaths;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds and loads {@code libnvidia-ml.so.1}: an explicit path only, or else the system loader's
 * search (ld.so.cache, {@code LD_LIBRARY_PATH}) and then the usual driver directories under the
 * host root (a DaemonSet sees the host's driver there).
 */
final class NvmlLoader {
  static final String LIBRARY = "libnvidia-ml.so.1";

  /** Where drivers put the library: Debian/Ubuntu, RHEL, the NVIDIA container toolkit. */
  static final List<String> USUAL_DIRECTORIES =
      List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/local/nvidia/lib64");

  /** Why no library could be loaded: the places tried, one clause each. */
  static final class NotFoundException extends Exception {
    private static final long serialVersionUID = 1L;

    NotFoundException(String message) {
      super(message);
    }
  }

  private NvmlLoader() {}

  /**
   * Loads the library into a new shared arena and binds its functions; the returned {@link Nvml}
   * owns the arena.
   *
   * @param explicit a library file to load instead of searching, or null to search
   * @param paths the host roots the usual directories are resolved under
   */
  static Nvml load(@Nullable Path explicit, HostPaths paths) throws NotFoundException {
    List<String> tried = new ArrayList<>();
    if (explicit != null) {
      Nvml nvml = tryPath(explicit, tried);
      if (nvml != null) {
        return nvml;
      }
      throw new NotFoundException(String.join("; ", tried));
    }
    Arena arena = Arena.ofShared();
    try {
      return new Nvml(SymbolLookup.libraryLookup(LIBRARY, arena), arena);
    } catch (IllegalArgumentException e) {
      arena.close();
      tried.add(LIBRARY + " through the system loader: " + e.getMessage());
    }
    for (String dir : USUAL_DIRECTORIES) {
      Path candidate = paths.root(dir).resolve(LIBRARY);
      if (Files.exists(candidate)) {
        Nvml nvml = tryPath(candidate, tried);
        if (nvml != null) {
          return nvml;
        }
      } else {
        tried.add(candidate + ": no such file");
      }
    }
    throw new NotFoundException(String.join("; ", tried));
  }

  private static @Nullable Nvml tryPath(Path file, List<String> tried) {
    Arena arena = Arena.ofShared();
    try {
      return new Nvml(SymbolLookup.libraryLookup(file, arena), arena);
    } catch (IllegalArgumentException e) {
      arena.close();
      tried.add(file + ": " + e.getMessage());
      return null;
    }
  }
}
