package io.moraine.bench.logs;

import java.io.IOException;

/** Writes the lines of one event of an app's container (one line, or a few for a stack trace). */
interface LineSource {
  void event(LineContext c, AppProfile app) throws IOException;
}
