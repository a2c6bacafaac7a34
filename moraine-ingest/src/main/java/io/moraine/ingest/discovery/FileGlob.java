package io.moraine.ingest.discovery;

import io.moraine.core.labels.GoQuote;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One {@code files} entry of file discovery: a path whose last segment may hold Go glob syntax
 * ({@code *}, {@code ?}, {@code [a-z]}, {@code [^a-z]}, {@code \} escapes; no {@code {a,b}}).
 * Listing follows Go's {@code filepath.Glob}: a pattern without glob characters names itself when
 * it exists; otherwise matching names of its directory, sorted, joined to the directory and
 * cleaned; a missing or unreadable directory gives nothing. Immutable.
 */
final class FileGlob {
  private final String pattern;
  private final Path dir;
  private final @Nullable Pattern name;

  private FileGlob(String pattern, Path dir, @Nullable Pattern name) {
    this.pattern = pattern;
    this.dir = dir;
    this.name = name;
  }

  /**
   * Compiles {@code pattern}.
   *
   * @throws IllegalArgumentException when the glob is malformed or has glob characters outside its
   *     last segment
   */
  static FileGlob compile(String pattern) {
    int slash = pattern.lastIndexOf('/');
    String dirPart = slash < 0 ? "" : pattern.substring(0, slash + 1);
    String last = pattern.substring(slash + 1);
    if (hasMeta(dirPart)) {
      throw new IllegalArgumentException(
          "path name "
              + GoQuote.quote(pattern)
              + " is not valid for file discovery: glob characters are allowed only in the file"
              + " name");
    }
    Path dir = Path.of(dirPart.isEmpty() ? "." : dirPart);
    if (!hasMeta(last)) {
      return new FileGlob(pattern, dir, null);
    }
    return new FileGlob(pattern, dir, Pattern.compile(toRegex(pattern, last)));
  }

  /** The directory to watch: the part before the last {@code /}, or {@code .}. */
  Path directory() {
    return dir;
  }

  /** Matching paths, sorted within this pattern. */
  List<String> list() {
    if (name == null) {
      return Files.exists(Path.of(pattern), LinkOption.NOFOLLOW_LINKS)
          ? List.of(pattern)
          : List.of();
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        String n = e.getFileName().toString();
        if (name.matcher(n).matches()) {
          names.add(n);
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of(); // as filepath.Glob: an unreadable directory matches nothing
    }
    names.sort(null);
    List<String> paths = new ArrayList<>(names.size());
    for (String n : names) {
      paths.add(dir.resolve(n).normalize().toString());
    }
    return paths;
  }

  private static boolean hasMeta(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  /** Go's {@code path.Match} syntax as a Java regex over one file name. */
  private static String toRegex(String pattern, String glob) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      int c = glob.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '[' -> i = charClass(pattern, glob, i, re);
        case '\\' -> {
          if (i == glob.length()) {
            throw bad(pattern);
          }
          int e = glob.codePointAt(i);
          i += Character.charCount(e);
          hex(re, e);
        }
        default -> hex(re, c);
      }
    }
    return re.toString();
  }

  /** Appends the class that starts after the {@code [} at {@code i - 1}; returns the next index. */
  private static int charClass(String pattern, String glob, int i, StringBuilder re) {
    re.append('[');
    if (i < glob.length() && glob.charAt(i) == '^') {
      re.append('^');
      i++;
    }
    int ranges = 0;
    while (i >= glob.length() || glob.charAt(i) != ']' || ranges == 0) {
      int[] lo = classChar(pattern, glob, i);
      i = lo[1];
      hex(re, lo[0]);
      if (i < glob.length() && glob.charAt(i) == '-') {
        int[] hi = classChar(pattern, glob, i + 1);
        i = hi[1];
        if (hi[0] < lo[0]) {
          throw bad(pattern); // Go accepts a reversed range that matches nothing; we refuse it
        }
        re.append('-');
        hex(re, hi[0]);
      }
      ranges++;
    }
    re.append(']');
    return i + 1;
  }

  /** One character of a class at {@code i}: {char, next index}; unescaped - and ] are errors. */
  private static int[] classChar(String pattern, String glob, int i) {
    if (i >= glob.length() || glob.charAt(i) == '-' || glob.charAt(i) == ']') {
      throw bad(pattern);
    }
    if (glob.charAt(i) == '\\') {
      i++;
      if (i >= glob.length()) {
        throw bad(pattern);
      }
    }
    int cp = glob.codePointAt(i);
    return new int[] {cp, i + Character.charCount(cp)};
  }

  private static void hex(StringBuilder re, int cp) {
    re.append("\\x{").append(Integer.toHexString(cp)).append('}');
  }

  private static IllegalArgumentException bad(String pattern) {
    return new IllegalArgumentException(
        "path name "
            + GoQuote.quote(pattern)
            + " is not valid for file discovery: syntax error in"
            + " pattern");
  }

  @Override
  public String toString() {
    return pattern;
  }
}
