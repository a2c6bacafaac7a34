package io.moraine.logs.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.moraine.core.labels.Labels;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decodes Loki's JSON push body, streaming (no tree): {@code
 * {"streams":[{"stream":{"app":"api"},"values":[["<ns>","line"],["<ns>","line",{"k":"v"}]]}]}} as
 * {@code /loki/api/v1/push} takes it (timestamps are strings of integer nanoseconds; the optional
 * third element is structured metadata), and the legacy form of {@code /api/prom/push}: {@code
 * {"streams":[{"labels":"{app=\"api\"}","entries":[{"ts":"<RFC 3339>","line":"..."}]}]}}. Unknown
 * keys are skipped. Lines are copied as UTF-8 into one array owned by the batch. Stateless;
 * thread-safe.
 */
public final class LokiJsonDecoder {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Decodes {@code body[offset, offset + length)}.
   *
   * @throws InvalidPushException naming the stream, entry and field that could not be decoded
   */
  public PushBatch decode(byte[] body, int offset, int length) {
    ByteArena arena = new ByteArena(length);
    List<PushStream> streams = new ArrayList<>();
    try (JsonParser p = JSON.createParser(body, offset, length)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, "push request");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        if (!key.equals("streams") || t == JsonToken.VALUE_NULL) {
          p.skipChildren();
          continue;
        }
        expect(t, JsonToken.START_ARRAY, "streams");
        while (p.nextToken() != JsonToken.END_ARRAY) {
          PushStream s = PushStream.ofPairs(new String[0]);
          try {
            stream(p, s, arena);
          } catch (InvalidPushException e) {
            throw e.at("stream " + streams.size());
          }
          streams.add(s);
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidPushException(
          "invalid JSON: "
              + e.getOriginalMessage()
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    } catch (IOException e) {
      throw new InvalidPushException("cannot read body: " + e.getMessage());
    }
    return new PushBatch(arena.array(), streams);
  }

  private static void stream(JsonParser p, PushStream s, ByteArena arena) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT, "stream");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken t = p.nextToken();
      switch (key) {
        case "stream" -> s.labelPairs(pairs(p, "stream"));
        case "labels" -> {
          expect(t, JsonToken.VALUE_STRING, "labels");
          s.labelsText(p.getText());
        }
        case "values" -> {
          expect(t, JsonToken.START_ARRAY, "values");
          while (p.nextToken() != JsonToken.END_ARRAY) {
            try {
              value(p, s, arena);
            } catch (InvalidPushException e) {
              throw e.at("values[" + s.size() + "]");
            }
          }
        }
        case "entries" -> {
          expect(t, JsonToken.START_ARRAY, "entries");
          while (p.nextToken() != JsonToken.END_ARRAY) {
            try {
              legacyEntry(p, s, arena);
            } catch (InvalidPushException e) {
              throw e.at("entries[" + s.size() + "]");
            }
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  /** {@code ["<ns>", "line"]} or {@code ["<ns>", "line", {"name": "value"}]}. */
  private static void value(JsonParser p, PushStream s, ByteArena arena) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY, "entry");
    expect(p.nextToken(), JsonToken.VALUE_STRING, "timestamp");
    long ts = nanos(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    expect(p.nextToken(), JsonToken.VALUE_STRING, "line");
    int len = p.getTextLength();
    int off = arena.appendUtf8(p.getTextCharacters(), p.getTextOffset(), len);
    int lineLength = arena.size() - off;
    Labels meta = Labels.EMPTY;
    JsonToken t = p.nextToken();
    if (t == JsonToken.START_OBJECT) {
      meta = Labels.of(pairs(p, "structured metadata"));
      t = p.nextToken();
    } else if (t == JsonToken.VALUE_NULL) {
      t = p.nextToken();
    }
    if (t != JsonToken.END_ARRAY) {
      throw new InvalidPushException("an entry has 2 or 3 elements: timestamp, line, metadata");
    }
    s.add(ts, off, lineLength, meta);
  }

  /** {@code {"ts": "<RFC 3339>", "line": "..."}}. */
  private static void legacyEntry(JsonParser p, PushStream s, ByteArena arena) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT, "entry");
    long ts = 0;
    int off = arena.size();
    int lineLength = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken t = p.nextToken();
      if (key.equals("ts")) {
        expect(t, JsonToken.VALUE_STRING, "ts");
        ts = rfc3339(p.getText());
      } else if (key.equals("line")) {
        expect(t, JsonToken.VALUE_STRING, "line");
        off = arena.appendUtf8(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        lineLength = arena.size() - off;
      } else {
        p.skipChildren();
      }
    }
    s.add(ts, off, lineLength, Labels.EMPTY);
  }

  /** An object of string values as alternating names and values, in order. */
  private static String[] pairs(JsonParser p, String what) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT, what);
    List<String> kv = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if (p.nextToken() != JsonToken.VALUE_STRING) {
        throw new InvalidPushException(what + " value of \"" + name + "\" is not a string");
      }
      kv.add(name);
      kv.add(p.getText());
    }
    return kv.toArray(new String[0]);
  }

  /** A decimal integer of nanoseconds, as Loki reads it ({@code strconv.ParseInt}). */
  static long nanos(char[] c, int off, int len) {
    int i = off;
    int end = off + len;
    boolean negative = false;
    if (i < end && (c[i] == '-' || c[i] == '+')) {
      negative = c[i] == '-';
      i++;
    }
    if (i == end) {
      throw badTimestamp(c, off, len);
    }
    long v = 0;
    for (; i < end; i++) {
      int d = c[i] - '0';
      if (d < 0 || d > 9 || v < (Long.MIN_VALUE + d) / 10) {
        throw badTimestamp(c, off, len);
      }
      v = v * 10 - d;
    }
    if (!negative && v == Long.MIN_VALUE) {
      throw badTimestamp(c, off, len);
    }
    return negative ? v : -v;
  }

  private static long rfc3339(String s) {
    try {
      var t = OffsetDateTime.parse(s).toInstant();
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new InvalidPushException("ts \"" + s + "\" is not an RFC 3339 time");
    }
  }

  private static InvalidPushException badTimestamp(char[] c, int off, int len) {
    return new InvalidPushException(
        "timestamp \""
            + new String(c, off, len)
            + "\" is not an integer of nanoseconds since the epoch");
  }

  private static void expect(@Nullable JsonToken got, JsonToken want, String what) {
    if (got != want) {
      throw new InvalidPushException(
          what + ": expected " + describe(want) + " but found " + describe(got));
    }
  }

  private static String describe(@Nullable JsonToken t) {
    if (t == null) {
      return "the end of the body";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case END_ARRAY -> "the end of an array";
      case END_OBJECT -> "the end of an object";
      default -> String.valueOf(t);
    };
  }
}
