package io.moraine.server.api.prom;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * The {@code data} of a successful answer, written as one JSON value. Written once, on a blocking
 * thread, after the endpoint has finished every check that could fail: writing must not throw
 * anything but the generator's {@link IOException} (a client that went away).
 */
@FunctionalInterface
interface JsonData {
  void write(JsonGenerator g) throws IOException;
}
