package io.moraine.logs.logql.pipeline;

/**
 * {@code | decolorize}: removes ANSI escape sequences (CSI {@code ESC [ ... final}, its 8-bit form
 * U+009B, OSC {@code ESC ] ... BEL}) from the line; a line without ESC is left as it is.
 */
final class DecolorizeStage implements CompiledStage {
  @Override
  public StageRunner newRunner() {
    byte[][] out = {new byte[256]};
    return e -> {
      if (Utf8.indexOf(e.line, e.offset, e.length, ESC) < 0
          && Utf8.indexOf(e.line, e.offset, e.length, CSI8) < 0) {
        return true;
      }
      if (out[0].length < e.length) {
        out[0] = new byte[Math.max(e.length, out[0].length * 2)];
      }
      int n = strip(e.line, e.offset, e.offset + e.length, out[0]);
      e.setLine(out[0], 0, n);
      return true;
    };
  }

  private static final byte[] ESC = {0x1b};
  private static final byte[] CSI8 = {(byte) 0xc2, (byte) 0x9b};

  static int strip(byte[] in, int from, int end, byte[] out) {
    int n = 0;
    int i = from;
    while (i < end) {
      int skip = sequenceLength(in, i, end);
      if (skip > 0) {
        i += skip;
      } else {
        out[n++] = in[i++];
      }
    }
    return n;
  }

  /** Length of the escape sequence at {@code i}, or 0 when none starts there. */
  private static int sequenceLength(byte[] b, int i, int end) {
    int j;
    if (b[i] == 0x1b && i + 1 < end && (b[i + 1] == '[' || b[i + 1] == ']')) {
      boolean osc = b[i + 1] == ']';
      j = i + 2;
      if (osc) {
        while (j < end && b[j] != 0x07) {
          j++;
        }
        return j < end ? j - i + 1 : 0;
      }
    } else if (b[i] == (byte) 0xc2 && i + 1 < end && b[i + 1] == (byte) 0x9b) {
      j = i + 2;
    } else {
      return 0;
    }
    while (j < end && (b[j] == ';' || b[j] == '?' || b[j] == '#' || (b[j] >= '0' && b[j] <= '9'))) {
      j++;
    }
    if (j < end && (b[j] & 0xff) >= 0x40 && (b[j] & 0xff) <= 0x7e) {
      return j - i + 1;
    }
    return 0;
  }
}
