package io.moraine.agent.procfs;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code os-release(5)} file format as node_exporter reads it (hashicorp/go-envparse): {@code
 * KEY=value} lines, {@code #} comments (also after an unquoted value), an optional {@code export }
 * prefix, single quotes taken literally, double quotes with the escapes {@code \" \\ \/ \b \f \r \n
 * \t \\uXXXX}; a key with an empty value is left out.
 */
final class OsRelease {
  private OsRelease() {}

  /**
   * Parses the lines of {@code file}.
   *
   * @throws MalformedProcFileException naming the line of the first syntax error
   */
  static Map<String, String> parse(Path file, List<String> lines)
      throws MalformedProcFileException {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String ln = lines.get(i).strip();
      if (ln.isEmpty() || ln.charAt(0) == '#') {
        continue;
      }
      int eq = ln.indexOf('=');
      if (eq < 0) {
        throw new MalformedProcFileException(file, i + 1, "missing =");
      }
      String key = ln.substring(0, eq).strip();
      if (key.length() > "export ".length() && key.startsWith("export ")) {
        key = key.substring("export ".length());
      }
      String keyError = keyError(key);
      if (keyError != null) {
        throw new MalformedProcFileException(file, i + 1, keyError);
      }
      String value;
      try {
        value = value(ln.substring(eq + 1).strip());
      } catch (IllegalArgumentException e) {
        throw new MalformedProcFileException(file, i + 1, String.valueOf(e.getMessage()));
      }
      if (!value.isEmpty()) {
        env.put(key, value);
      }
    }
    return env;
  }

  private static @Nullable String keyError(String key) {
    if (key.isEmpty()) {
      return "empty key";
    }
    char c0 = key.charAt(0);
    if (!(c0 >= 'A' && c0 <= 'Z' || c0 >= 'a' && c0 <= 'z' || c0 == '_')) {
      return "key must start with [A-Za-z_] but found '" + c0 + "'";
    }
    for (int i = 1; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok =
          c == '_'
              || c == '.'
              || c == '/'
              || c >= 'A' && c <= 'Z'
              || c >= 'a' && c <= 'z'
              || c >= '0' && c <= '9';
      if (!ok) {
        return "key characters must be [A-Za-z0-9/_.] but found '" + c + "'";
      }
    }
    return null;
  }

  private enum Mode {
    NORMAL,
    DOUBLE,
    SINGLE
  }

  /** Unquotes a value; throws {@link IllegalArgumentException} with the reason. */
  private static String value(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    int significant = 0; // length without trailing unquoted blanks, for a trailing comment
    Mode mode = Mode.NORMAL;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 32) {
        throw new IllegalArgumentException(
            String.format("0x%02x is an invalid value character", (int) c));
      }
      switch (mode) {
        case NORMAL -> {
          if (c == '"') {
            mode = Mode.DOUBLE;
          } else if (c == '\'') {
            mode = Mode.SINGLE;
          } else if (c == '#') {
            return sb.substring(0, significant);
          } else {
            sb.append(c);
            if (c != ' ' && c != '\t') {
              significant = sb.length();
            }
          }
        }
        case SINGLE -> {
          if (c == '\'') {
            mode = Mode.NORMAL;
          } else {
            sb.append(c);
            significant = sb.length();
          }
        }
        case DOUBLE -> {
          if (c == '"') {
            mode = Mode.NORMAL;
          } else if (c == '\\') {
            i = escape(raw, i + 1, sb);
            significant = sb.length();
          } else {
            sb.append(c);
            significant = sb.length();
          }
        }
      }
    }
    return switch (mode) {
      case NORMAL -> sb.toString();
      case DOUBLE -> throw new IllegalArgumentException("unmatched \"");
      case SINGLE -> throw new IllegalArgumentException("unmatched '");
    };
  }

  /** Appends the escape starting at {@code at} (after the backslash); returns its last index. */
  private static int escape(String raw, int at, StringBuilder sb) {
    if (at >= raw.length()) {
      throw new IllegalArgumentException("incomplete escape sequence");
    }
    char c = raw.charAt(at);
    switch (c) {
      case '"', '\\', '/' -> sb.append(c);
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'r' -> sb.append('\r');
      case 'n' -> sb.append('\n');
      case 't' -> sb.append('\t');
      case 'u' -> {
        if (at + 5 > raw.length()) {
          throw new IllegalArgumentException("incomplete hex sequence");
        }
        try {
          sb.append((char) Integer.parseInt(raw.substring(at + 1, at + 5), 16));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "invalid hex sequence " + raw.substring(at + 1, at + 5));
        }
        return at + 4;
      }
      default -> throw new IllegalArgumentException("invalid escape sequence: \\" + c);
    }
    return at;
  }
}
