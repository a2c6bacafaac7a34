package io.moraine.server.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Go's {@code filepath.Glob}: {@code *} and {@code ?} within one path element, {@code [...]}
 * classes ({@code ^} negates), {@code \} escapes; matches in name order; unreadable directories are
 * skipped. Stateless.
 */
final class Glob {
  private Glob() {}

  /**
   * The existing paths that match {@code pattern}.
   *
   * @throws IllegalArgumentException when the pattern is malformed
   */
  static List<Path> expand(String pattern) {
    Path p = Path.of(pattern);
    List<Path> current = new ArrayList<>();
    current.add(p.getRoot() == null ? Path.of("") : p.getRoot());
    for (int i = 0; i < p.getNameCount(); i++) {
      String element = p.getName(i).toString();
      boolean last = i == p.getNameCount() - 1;
      List<Path> next = new ArrayList<>();
      if (!hasMeta(element)) {
        for (Path dir : current) {
          Path c = dir.resolve(element);
          if (last ? Files.exists(c) : Files.isDirectory(c)) {
            next.add(c);
          }
        }
      } else {
        PathMatcher m = matcher(element);
        for (Path dir : current) {
          next.addAll(list(dir, m, last));
        }
      }
      current = next;
    }
    return current;
  }

  /** Throws {@link IllegalArgumentException} when {@code pattern} is malformed. */
  static void check(String pattern) {
    Path p = Path.of(pattern);
    for (int i = 0; i < p.getNameCount(); i++) {
      String element = p.getName(i).toString();
      if (hasMeta(element)) {
        matcher(element);
      }
    }
  }

  private static List<Path> list(Path dir, PathMatcher m, boolean last) {
    List<Path> out = new ArrayList<>();
    Path open = dir.toString().isEmpty() ? Path.of(".") : dir;
    if (!Files.isDirectory(open)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(open)) {
      for (Path entry : s) {
        Path name = entry.getFileName();
        if (name != null && m.matches(name) && (last || Files.isDirectory(entry))) {
          out.add(dir.resolve(name));
        }
      }
    } catch (IOException e) {
      return out;
    }
    out.sort(null);
    return out;
  }

  private static boolean hasMeta(String s) {
    return s.indexOf('*') >= 0
        || s.indexOf('?') >= 0
        || s.indexOf('[') >= 0
        || s.indexOf('\\') >= 0;
  }

  /** One path element of a Go pattern as a {@code glob:} matcher. */
  private static PathMatcher matcher(String element) {
    StringBuilder sb = new StringBuilder();
    boolean inClass = false;
    for (int i = 0; i < element.length(); i++) {
      char c = element.charAt(i);
      if (c == '\\' && i + 1 < element.length()) {
        sb.append('\\').append(element.charAt(++i));
      } else if (c == '\\') {
        throw new IllegalArgumentException("syntax error in pattern");
      } else if (!inClass && c == '[') {
        inClass = true;
        sb.append('[');
        if (i + 1 < element.length() && element.charAt(i + 1) == '^') {
          sb.append('!');
          i++;
        }
      } else if (inClass && c == ']') {
        inClass = false;
        sb.append(']');
      } else if (!inClass && (c == '{' || c == '}')) {
        sb.append('\\').append(c);
      } else {
        sb.append(c);
      }
    }
    if (inClass) {
      throw new IllegalArgumentException("syntax error in pattern");
    }
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + sb);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("syntax error in pattern", e);
    }
  }
}
