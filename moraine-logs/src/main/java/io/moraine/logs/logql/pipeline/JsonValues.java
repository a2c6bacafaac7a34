package io.moraine.logs.logql.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** Reading JSON values as Loki's labels hold them. */
final class JsonValues {
  private JsonValues() {}

  /** A string value; one holding U+FFFD (invalid UTF-8 or escaped) is "" as in Loki. */
  static String string(JsonParser p) throws IOException {
    String s = p.getText();
    return s.indexOf('\uFFFD') >= 0 ? "" : s;
  }
}
