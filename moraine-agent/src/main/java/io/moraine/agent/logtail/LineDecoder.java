package io.moraine.agent.logtail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one physical line of a container log file, detecting the format per line: docker's
 * json-file ({@code {"log":"...\n","stream":"stdout","time":"..."}}) when it starts with {@code
 * '{'}, else CRI ({@code <RFC3339Nano> <stdout|stderr> <P|F>[:tags] <content>}). The result is left
 * in the fields, valid until the next call. Not thread-safe: one per tailer thread.
 */
final class LineDecoder {
  static final int STDOUT = 0;
  static final int STDERR = 1;

  /** The stream could not be read: the line is shipped whole, without a stream label. */
  static final int UNKNOWN = 2;

  private static final JsonFactory JSON = new JsonFactory();

  long timeNanos;
  int stream;
  boolean partial;
  byte[] content = new byte[0];
  int contentStart;
  int contentLength;

  /**
   * Decodes {@code b[from, to)} (without its newline). An unreadable line is kept whole with {@code
   * fallbackNanos} as its time and stream {@link #UNKNOWN}.
   */
  void decode(byte[] b, int from, int to, long fallbackNanos) {
    boolean ok = from < to && b[from] == '{' ? docker(b, from, to) : cri(b, from, to);
    if (!ok) {
      timeNanos = fallbackNanos;
      stream = UNKNOWN;
      partial = false;
      content = b;
      contentStart = from;
      contentLength = to - from;
    }
  }

  private boolean cri(byte[] b, int from, int to) {
    int s1 = indexOf(b, from, to, (byte) ' ');
    if (s1 < 0) {
      return false;
    }
    long t = Rfc3339.parseNanos(b, from, s1);
    int s2 = indexOf(b, s1 + 1, to, (byte) ' ');
    if (t == Rfc3339.INVALID || s2 < 0) {
      return false;
    }
    int st = streamOf(b, s1 + 1, s2);
    if (st == UNKNOWN) {
      return false;
    }
    int s3 = indexOf(b, s2 + 1, to, (byte) ' ');
    int tagEnd = s3 < 0 ? to : s3;
    if (tagEnd == s2 + 1 || (b[s2 + 1] != 'P' && b[s2 + 1] != 'F')) {
      return false;
    }
    if (tagEnd > s2 + 2 && b[s2 + 2] != ':') {
      return false;
    }
    timeNanos = t;
    stream = st;
    partial = b[s2 + 1] == 'P';
    content = b;
    contentStart = s3 < 0 ? to : s3 + 1;
    contentLength = to - contentStart;
    return true;
  }

  private static int streamOf(byte[] b, int from, int to) {
    if (to - from == 6 && b[from] == 's' && b[from + 1] == 't' && b[from + 2] == 'd') {
      if (b[from + 3] == 'o' && b[from + 4] == 'u' && b[from + 5] == 't') {
        return STDOUT;
      }
      if (b[from + 3] == 'e' && b[from + 4] == 'r' && b[from + 5] == 'r') {
        return STDERR;
      }
    }
    return UNKNOWN;
  }

  private boolean docker(byte[] b, int from, int to) {
    String log = null;
    String streamName = null;
    String time = null;
    try (JsonParser p = JSON.createParser(b, from, to - from)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_STRING) {
          switch (name) {
            case "log" -> log = p.getText();
            case "stream" -> streamName = p.getText();
            case "time" -> time = p.getText();
            default -> {}
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      return false;
    }
    if (log == null || streamName == null || time == null) {
      return false;
    }
    byte[] tb = time.getBytes(StandardCharsets.US_ASCII);
    long t = Rfc3339.parseNanos(tb, 0, tb.length);
    byte[] sb = streamName.getBytes(StandardCharsets.US_ASCII);
    int st = streamOf(sb, 0, sb.length);
    if (t == Rfc3339.INVALID || st == UNKNOWN) {
      return false;
    }
    byte[] lb = log.getBytes(StandardCharsets.UTF_8);
    timeNanos = t;
    stream = st;
    partial = lb.length == 0 || lb[lb.length - 1] != '\n';
    content = lb;
    contentStart = 0;
    contentLength = partial ? lb.length : lb.length - 1;
    return true;
  }

  private static int indexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
