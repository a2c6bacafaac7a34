package io.moraine.agent.sysfs;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reads a network device's sysfs attribute files as node_exporter's procfs library does: one read
 * of at most 128 bytes, surrounding white space trimmed; numbers in Go's {@code ParseInt} base-0
 * syntax ({@code 0x1003} is hexadecimal), a number that does not parse counting as 0. Files the
 * kernel refuses (absent, no permission, {@code EINVAL}, {@code EOPNOTSUPP}) are skipped. Not
 * thread-safe: it reuses one buffer.
 */
final class AttributeReader {
  private static final int MAX_BYTES = 128;
  private final byte[] buf = new byte[MAX_BYTES];

  /** All of {@link NetAttribute} for the device directory {@code dir}. */
  NetInterface read(Path dir) throws IOException {
    NetInterface i = new NetInterface(dir.getFileName().toString());
    for (NetAttribute a : NetAttribute.values()) {
      int n = readFile(dir.resolve(a.file()));
      if (n < 0) {
        continue;
      }
      int from = 0;
      while (from < n && Character.isWhitespace(buf[from])) {
        from++;
      }
      while (n > from && Character.isWhitespace(buf[n - 1])) {
        n--;
      }
      if (a.numeric()) {
        i.number(a, parseGoInt(new String(buf, from, n - from, StandardCharsets.US_ASCII)));
      } else {
        i.text(a, new String(buf, from, n - from, StandardCharsets.UTF_8));
      }
    }
    return i;
  }

  /** Bytes read into buf, or -1 when the kernel refuses the file in a way node_exporter skips. */
  private int readFile(Path file) throws IOException {
    // FileInputStream: far less set-up per open than Files.newInputStream's channel, and these
    // are ~20 tiny files per interface per scrape.
    try (InputStream in = new FileInputStream(file.toFile())) {
      int n = in.read(buf, 0, MAX_BYTES);
      return Math.max(n, 0);
    } catch (FileNotFoundException e) {
      return -1; // absent or no permission: FileInputStream reports both this way
    } catch (NoSuchFileException | AccessDeniedException e) {
      return -1;
    } catch (IOException e) {
      if (skippable(e.getMessage())) {
        return -1;
      }
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean skippable(@Nullable String message) {
    return message != null
        && (message.contains("Invalid argument") || message.contains("Operation not supported"));
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)}, with 0 for anything it rejects. */
  static long parseGoInt(String s) {
    String t = s;
    boolean negative = false;
    if (t.startsWith("-") || t.startsWith("+")) {
      negative = t.charAt(0) == '-';
      t = t.substring(1);
    }
    int radix = 10;
    if (t.length() > 1 && t.charAt(0) == '0') {
      char c = Character.toLowerCase(t.charAt(1));
      if (c == 'x' || c == 'b' || c == 'o') {
        radix = c == 'x' ? 16 : c == 'b' ? 2 : 8;
        t = t.substring(2);
      } else {
        radix = 8;
        t = t.substring(1);
      }
      t = t.replace("_", "");
    }
    if (t.isEmpty() || t.charAt(0) == '-' || t.charAt(0) == '+') {
      return 0;
    }
    try {
      return Long.parseLong(negative ? "-" + t : t, radix);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
