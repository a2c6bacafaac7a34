package io.moraine.server.config;

/**
 * A problem at a position in the file found while reading or binding; the loader turns it into a
 * {@link ConfigException} naming the file. Internal to this package.
 */
final class YamlError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;

  YamlError(YamlNode.Mark mark, String reason) {
    this(mark.line(), mark.column(), reason);
  }

  YamlError(int line, int column, String reason) {
    super(reason, null, false, false);
    this.line = line;
    this.column = column;
  }

  int line() {
    return line;
  }

  int column() {
    return column;
  }

  String reason() {
    return String.valueOf(getMessage());
  }
}
