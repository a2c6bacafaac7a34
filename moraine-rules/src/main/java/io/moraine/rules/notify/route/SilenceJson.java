package io.moraine.rules.notify.route;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.moraine.core.labels.InvalidMatcherException;
import io.moraine.core.labels.Matcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of Alertmanager's API v2 silences, so that an HTTP layer only moves bytes: {@code
 * postableSilence} in, {@code gettableSilence} (one or a list) and {@code {"silenceID": ...}} out.
 * Fields are written in Alertmanager's order; times as RFC 3339 UTC with milliseconds. Stateless
 * and thread-safe.
 */
public final class SilenceJson {
  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private SilenceJson() {}

  /**
   * Reads a {@code postableSilence}: {@code id} (optional), {@code matchers} ({@code name}, {@code
   * value}, {@code isRegex}, {@code isEqual} defaulting to true), {@code startsAt}, {@code endsAt},
   * {@code createdBy}, {@code comment}.
   *
   * @throws InvalidSilenceException naming the missing or malformed field
   */
  public static Silence readPostable(byte[] body) {
    try (JsonParser p = JSON.createParser(body)) {
      expect(p.nextToken() == JsonToken.START_OBJECT, "the body must be a JSON object");
      String id = "";
      List<Matcher> matchers = null;
      Long starts = null;
      Long ends = null;
      String createdBy = null;
      String comment = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "id" -> id = text(p, field);
          case "matchers" -> matchers = matchers(p);
          case "startsAt" -> starts = time(text(p, field), field);
          case "endsAt" -> ends = time(text(p, field), field);
          case "createdBy" -> createdBy = text(p, field);
          case "comment" -> comment = text(p, field);
          default -> p.skipChildren();
        }
      }
      return new Silence(
          id,
          required(matchers, "matchers"),
          required(starts, "startsAt"),
          required(ends, "endsAt"),
          0,
          required(createdBy, "createdBy"),
          required(comment, "comment"));
    } catch (JsonProcessingException e) {
      throw new InvalidSilenceException("invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One {@code gettableSilence} with its state at {@code nowMillis}. */
  public static byte[] writeGettable(Silence s, long nowMillis) {
    return write(g -> gettable(g, s, nowMillis));
  }

  /** A JSON array of {@code gettableSilence}s, in the given order. */
  public static byte[] writeGettables(List<Silence> silences, long nowMillis) {
    return write(
        g -> {
          g.writeStartArray();
          for (Silence s : silences) {
            gettable(g, s, nowMillis);
          }
          g.writeEndArray();
        });
  }

  /** The answer to a successful POST: {@code {"silenceID":"<id>"}}. */
  public static byte[] writeSilenceId(String id) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("silenceID", id);
          g.writeEndObject();
        });
  }

  /** Formats ms since the epoch as Alertmanager does ({@code 2023-01-02T03:04:05.678Z}). */
  public static String formatTime(long millis) {
    return TIME.format(Instant.ofEpochMilli(millis));
  }

  private static void gettable(JsonGenerator g, Silence s, long now) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", s.id());
    g.writeObjectFieldStart("status");
    g.writeStringField("state", s.stateAt(now).apiName());
    g.writeEndObject();
    g.writeStringField("updatedAt", formatTime(s.updatedAtMillis()));
    g.writeStringField("comment", s.comment());
    g.writeStringField("createdBy", s.createdBy());
    g.writeStringField("endsAt", formatTime(s.endsAtMillis()));
    g.writeArrayFieldStart("matchers");
    for (Matcher m : s.matchers()) {
      g.writeStartObject();
      g.writeBooleanField("isEqual", m.type() == Matcher.Type.EQ || m.type() == Matcher.Type.RE);
      g.writeBooleanField("isRegex", m.type() == Matcher.Type.RE || m.type() == Matcher.Type.NRE);
      g.writeStringField("name", m.name());
      g.writeStringField("value", m.value());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("startsAt", formatTime(s.startsAtMillis()));
    g.writeEndObject();
  }

  private static List<Matcher> matchers(JsonParser p) throws IOException {
    expect(p.currentToken() == JsonToken.START_ARRAY, "matchers must be an array");
    List<Matcher> out = new ArrayList<>();
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String name = null;
      String value = null;
      Boolean isRegex = null;
      boolean isEqual = true;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "name" -> name = text(p, "matchers.name");
          case "value" -> value = text(p, "matchers.value");
          case "isRegex" -> isRegex = bool(t, "matchers.isRegex");
          case "isEqual" -> isEqual = bool(t, "matchers.isEqual");
          default -> p.skipChildren();
        }
      }
      Matcher.Type type =
          required(isRegex, "matchers.isRegex")
              ? (isEqual ? Matcher.Type.RE : Matcher.Type.NRE)
              : (isEqual ? Matcher.Type.EQ : Matcher.Type.NEQ);
      try {
        out.add(
            Matcher.of(type, required(name, "matchers.name"), required(value, "matchers.value")));
      } catch (InvalidMatcherException e) {
        throw new InvalidSilenceException(
            "silence invalid: invalid label matcher "
                + out.size()
                + ": invalid regular expression \""
                + value
                + "\": "
                + e.getMessage());
      }
    }
    expect(p.currentToken() == JsonToken.END_ARRAY, "matchers must be an array of objects");
    return out;
  }

  private static String text(JsonParser p, String field) throws IOException {
    expect(p.currentToken() == JsonToken.VALUE_STRING, field + " in body must be of type string");
    return p.getText();
  }

  private static boolean bool(@Nullable JsonToken t, String field) {
    expect(
        t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE,
        field + " in body must be of type boolean");
    return t == JsonToken.VALUE_TRUE;
  }

  private static long time(String s, String field) {
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new InvalidSilenceException(
          field + " in body must be of type date-time: \"" + s + "\"");
    }
  }

  private static <T> T required(@Nullable T v, String field) {
    if (v == null) {
      throw new InvalidSilenceException(field + " in body is required");
    }
    return v;
  }

  private static void expect(boolean ok, String message) {
    if (!ok) {
      throw new InvalidSilenceException(message);
    }
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
