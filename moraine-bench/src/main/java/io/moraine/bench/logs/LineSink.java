package io.moraine.bench.logs;

import java.io.IOException;

/** Receives the generated lines of one stream in time order. */
interface LineSink {
  /**
   * One entry: {@code line}'s bytes are valid only during the call (the buffer is reused).
   *
   * @param status the HTTP status the line reports, or -1 when it reports none
   */
  void line(long nanos, LineKind kind, LineBuffer line, int status) throws IOException;
}
