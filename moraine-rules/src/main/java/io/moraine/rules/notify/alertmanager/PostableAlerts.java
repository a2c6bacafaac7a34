package io.moraine.rules.notify.alertmanager;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import io.moraine.core.labels.Labels;
import io.moraine.rules.notify.Alert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes alerts as Alertmanager API v2's {@code postableAlerts}, byte for byte as Prometheus 2.42
 * does: fields in the order {@code annotations, endsAt, startsAt, generatorURL, labels}; empty
 * annotations and an empty generator URL left out; times in RFC 3339 with milliseconds in UTC (an
 * unset time as Go's zero time); {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped as Go's
 * encoder does. Stateless.
 */
final class PostableAlerts {
  /** How Go prints {@code time.Time{}}, which Prometheus sends for an unset end. */
  static final String GO_ZERO_TIME = "0001-01-01T00:00:00.000Z";

  private static final DateTimeFormatter RFC3339_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final GoEscapes ESCAPES = new GoEscapes();

  private PostableAlerts() {}

  /** The JSON array for {@code alerts}. */
  static byte[] encode(List<Alert> alerts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * Math.max(1, alerts.size()));
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setCharacterEscapes(ESCAPES);
      g.writeStartArray();
      for (Alert a : alerts) {
        write(g, a);
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("BUG: writing to memory failed", e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, Alert a) throws IOException {
    g.writeStartObject();
    if (!a.annotations().isEmpty()) {
      g.writeFieldName("annotations");
      g.writeStartObject();
      for (Map.Entry<String, String> e : sortedUtf8(a.annotations())) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
    g.writeStringField("endsAt", time(a.endsAtMillis()));
    g.writeStringField("startsAt", time(a.startsAtMillis()));
    if (!a.generatorUrl().isEmpty()) {
      g.writeStringField("generatorURL", a.generatorUrl());
    }
    g.writeFieldName("labels");
    g.writeStartObject();
    Labels l = a.labels();
    for (int i = 0; i < l.size(); i++) {
      g.writeStringField(l.name(i), l.value(i));
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /** RFC 3339 with milliseconds in UTC; 0 (unset) as Go's zero time. */
  static String time(long millis) {
    return millis == 0 ? GO_ZERO_TIME : RFC3339_MILLIS.format(Instant.ofEpochMilli(millis));
  }

  /** Go sorts map keys by their bytes; a TreeMap of Strings sorts by UTF-16 units. */
  private static List<Map.Entry<String, String>> sortedUtf8(Map<String, String> m) {
    return m.entrySet().stream()
        .sorted((x, y) -> Labels.compareUtf8(x.getKey(), y.getKey()))
        .toList();
  }

  /** Go's {@code encoding/json} escapes HTML-sensitive characters and the JS line separators. */
  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    GoEscapes() {
      ascii['<'] = ESCAPE_CUSTOM;
      ascii['>'] = ESCAPE_CUSTOM;
      ascii['&'] = ESCAPE_CUSTOM;
      ascii['\b'] = ESCAPE_CUSTOM;
      ascii['\f'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int ch) {
      return switch (ch) {
        case '<', '>', '&', '\b', '\f', 0x2028, 0x2029 ->
            new SerializedString(String.format("\\u%04x", ch));
        default -> null;
      };
    }
  }
}
