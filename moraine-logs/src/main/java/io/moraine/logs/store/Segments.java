package io.moraine.logs.store;

import io.moraine.logs.segment.SegmentReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open segment files of every tenant, oldest first. Reads of the lists are lock-free snapshots;
 * changes are made under the store's exclusive state lock. Owns one reference of each reader.
 */
final class Segments {
  private final Path root;
  private final AtomicLong seq = new AtomicLong();
  private volatile Map<String, List<SegmentReader>> byTenant = Map.of();

  private Segments(Path root) {
    this.root = root;
  }

  static Segments open(Path root) throws IOException {
    Segments s = new Segments(root);
    Files.createDirectories(root);
    Map<String, List<SegmentReader>> all = new TreeMap<>();
    try (DirectoryStream<Path> tenants = Files.newDirectoryStream(root)) {
      for (Path dir : tenants) {
        String tenant =
            new String(
                HexFormat.of().parseHex(dir.getFileName().toString()), StandardCharsets.UTF_8);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
          for (Path f : ds) {
            String n = f.getFileName().toString();
            if (n.endsWith(".tmp")) {
              Files.delete(f);
            } else if (n.endsWith(".seg")) {
              files.add(f);
            }
          }
        }
        files.sort(null);
        List<SegmentReader> readers = new ArrayList<>();
        for (Path f : files) {
          readers.add(SegmentReader.open(f));
          s.seq.accumulateAndGet(seqOf(f), Math::max);
        }
        all.put(tenant, List.copyOf(readers));
      }
    }
    s.byTenant = Map.copyOf(all);
    return s;
  }

  private static long seqOf(Path f) {
    String n = f.getFileName().toString();
    return Long.parseLong(n.substring(0, n.length() - 4));
  }

  /** A new file name for a segment of {@code tenant}. */
  Path newFile(String tenant) {
    String hex = HexFormat.of().formatHex(tenant.getBytes(StandardCharsets.UTF_8));
    return root.resolve(hex).resolve(String.format("%016d.seg", seq.incrementAndGet()));
  }

  /** The tenant's segments, oldest first, each retained: the caller releases them. */
  List<SegmentReader> retain(String tenant) {
    List<SegmentReader> out = new ArrayList<>();
    for (SegmentReader r : byTenant.getOrDefault(tenant, List.of())) {
      if (r.retain()) {
        out.add(r);
      }
    }
    return out;
  }

  /** The tenant's segments (not retained: only under the state lock). */
  List<SegmentReader> of(String tenant) {
    return byTenant.getOrDefault(tenant, List.of());
  }

  List<String> tenants() {
    return List.copyOf(byTenant.keySet());
  }

  /** Replaces one tenant's list (under the exclusive state lock). */
  void set(String tenant, List<SegmentReader> readers) {
    Map<String, List<SegmentReader>> m = new TreeMap<>(byTenant);
    m.put(tenant, List.copyOf(readers));
    byTenant = Map.copyOf(m);
  }

  int count() {
    int n = 0;
    for (List<SegmentReader> l : byTenant.values()) {
      n += l.size();
    }
    return n;
  }

  long bytes() {
    long n = 0;
    for (List<SegmentReader> l : byTenant.values()) {
      for (SegmentReader r : l) {
        n += r.sizeBytes();
      }
    }
    return n;
  }

  void close() {
    for (List<SegmentReader> l : byTenant.values()) {
      for (SegmentReader r : l) {
        r.release();
      }
    }
    byTenant = Map.of();
  }
}
