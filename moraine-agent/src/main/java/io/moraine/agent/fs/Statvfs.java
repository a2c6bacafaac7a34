package io.moraine.agent.fs;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * {@code statvfs(3)} of glibc through {@link Linker#nativeLinker()}. The struct layout is that of
 * LP64 glibc (x86_64 and aarch64): eight unsigned longs ({@code f_bsize} ... {@code f_favail}),
 * then {@code f_fsid}, {@code f_flag}, {@code f_namemax} and six spare ints. Thread-safe: each call
 * uses its own confined arena.
 */
final class Statvfs {
  /** The numbers node_exporter uses, block counts already multiplied by {@code f_bsize}. */
  record Result(
      double sizeBytes, double freeBytes, double availBytes, double files, double filesFree) {}

  private static final StructLayout STRUCT =
      MemoryLayout.structLayout(
          ValueLayout.JAVA_LONG.withName("f_bsize"),
          ValueLayout.JAVA_LONG.withName("f_frsize"),
          ValueLayout.JAVA_LONG.withName("f_blocks"),
          ValueLayout.JAVA_LONG.withName("f_bfree"),
          ValueLayout.JAVA_LONG.withName("f_bavail"),
          ValueLayout.JAVA_LONG.withName("f_files"),
          ValueLayout.JAVA_LONG.withName("f_ffree"),
          ValueLayout.JAVA_LONG.withName("f_favail"),
          ValueLayout.JAVA_LONG.withName("f_fsid"),
          ValueLayout.JAVA_LONG.withName("f_flag"),
          ValueLayout.JAVA_LONG.withName("f_namemax"),
          MemoryLayout.sequenceLayout(6, ValueLayout.JAVA_INT).withName("f_spare"));

  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final MethodHandle STATVFS = bind();

  private Statvfs() {}

  private static MethodHandle bind() {
    String arch = System.getProperty("os.arch", "");
    if (!System.getProperty("os.name", "").startsWith("Linux")
        || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
      throw new UnsupportedOperationException(
          "statvfs layout known only for Linux x86_64 and aarch64, not " + arch);
    }
    Linker linker = Linker.nativeLinker();
    MemorySegment symbol =
        linker
            .defaultLookup()
            .find("statvfs")
            .orElseThrow(() -> new UnsupportedOperationException("libc has no statvfs"));
    return linker.downcallHandle(
        symbol,
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
        Linker.Option.captureCallState("errno"));
  }

  /**
   * Calls statvfs on {@code path}; may block for as long as the filesystem does (NFS).
   *
   * @throws IOException with the errno when the call fails
   */
  static Result of(Path path) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      MemorySegment buf = arena.allocate(STRUCT);
      MemorySegment name = arena.allocateFrom(path.toString());
      int rc;
      try {
        rc = (int) STATVFS.invokeExact(state, name, buf);
      } catch (Throwable t) {
        throw new IllegalStateException("BUG: statvfs downcall failed", t);
      }
      if (rc != 0) {
        int errno = (int) ERRNO.get(state, 0L);
        throw new IOException("statvfs " + path + " failed: errno " + errno);
      }
      double bsize = unsigned(buf, 0);
      return new Result(
          unsigned(buf, 2) * bsize,
          unsigned(buf, 3) * bsize,
          unsigned(buf, 4) * bsize,
          unsigned(buf, 5),
          unsigned(buf, 6));
    }
  }

  private static long field(MemorySegment buf, int index) {
    return buf.getAtIndex(ValueLayout.JAVA_LONG, index);
  }

  private static double unsigned(MemorySegment buf, int index) {
    long v = field(buf, index);
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }
}
