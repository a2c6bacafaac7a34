package io.moraine.logs.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.moraine.logs.push.OtlpModel.Attr;
import io.moraine.logs.push.OtlpModel.KvList;
import io.moraine.logs.push.OtlpModel.Rec;
import io.moraine.logs.push.OtlpModel.Resource;
import io.moraine.logs.push.OtlpModel.Scope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads an OTLP {@code ExportLogsServiceRequest} in the OTLP/HTTP JSON encoding: lowerCamelCase
 * keys (snake_case accepted too), 64-bit integers as strings or numbers, enums as integers, {@code
 * traceId}/{@code spanId} as hex, {@code bytesValue} as base64. Unknown keys are skipped.
 */
final class OtlpJsonReader {
  private static final JsonFactory JSON = new JsonFactory();

  private OtlpJsonReader() {}

  static List<Resource> read(byte[] body, int offset, int length) {
    List<Resource> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(body, offset, length)) {
      start(p.nextToken(), JsonToken.START_OBJECT, "request");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = key(p);
        p.nextToken();
        if (key.equals("resourcelogs") && p.currentToken() == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            try {
              out.add(resourceLogs(p));
            } catch (InvalidPushException e) {
              throw e.at("resourceLogs[" + out.size() + "]");
            }
          }
        } else {
          p.skipChildren();
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
    return out;
  }

  private static Resource resourceLogs(JsonParser p) throws IOException {
    List<Attr> attrs = List.of();
    List<Scope> scopes = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = key(p);
      p.nextToken();
      if (key.equals("resource") && p.currentToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = key(p);
          p.nextToken();
          if (k.equals("attributes")) {
            attrs = attributes(p);
          } else {
            p.skipChildren();
          }
        }
      } else if (key.equals("scopelogs") && p.currentToken() == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          try {
            scopes.add(scopeLogs(p));
          } catch (InvalidPushException e) {
            throw e.at("scopeLogs[" + scopes.size() + "]");
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return new Resource(attrs, scopes);
  }

  private static Scope scopeLogs(JsonParser p) throws IOException {
    String name = "";
    String version = "";
    long dropped = 0;
    List<Attr> attrs = List.of();
    List<Rec> recs = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = key(p);
      p.nextToken();
      if (key.equals("scope") && p.currentToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = key(p);
          p.nextToken();
          switch (k) {
            case "name" -> name = text(p, "scope.name");
            case "version" -> version = text(p, "scope.version");
            case "attributes" -> attrs = attributes(p);
            case "droppedattributescount" -> dropped = integer(p, "droppedAttributesCount");
            default -> p.skipChildren();
          }
        }
      } else if (key.equals("logrecords") && p.currentToken() == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          try {
            recs.add(logRecord(p));
          } catch (InvalidPushException e) {
            throw e.at("logRecords[" + recs.size() + "]");
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return new Scope(name, version, attrs, dropped, recs);
  }

  private static Rec logRecord(JsonParser p) throws IOException {
    long time = 0;
    long observed = 0;
    long sevNum = 0;
    String sevText = "";
    Object body = null;
    List<Attr> attrs = List.of();
    long dropped = 0;
    long flags = 0;
    byte[] trace = new byte[0];
    byte[] span = new byte[0];
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = key(p);
      p.nextToken();
      switch (key) {
        case "timeunixnano" -> time = integer(p, "timeUnixNano");
        case "observedtimeunixnano" -> observed = integer(p, "observedTimeUnixNano");
        case "severitynumber" -> sevNum = integer(p, "severityNumber");
        case "severitytext" -> sevText = text(p, "severityText");
        case "body" -> body = anyValue(p);
        case "attributes" -> attrs = attributes(p);
        case "droppedattributescount" -> dropped = integer(p, "droppedAttributesCount");
        case "flags" -> flags = integer(p, "flags");
        case "traceid" -> trace = hex(p, "traceId");
        case "spanid" -> span = hex(p, "spanId");
        default -> p.skipChildren();
      }
    }
    return new Rec(time, observed, (int) sevNum, sevText, body, attrs, dropped, flags, trace, span);
  }

  private static List<Attr> attributes(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return List.of();
    }
    start(p.currentToken(), JsonToken.START_ARRAY, "attributes");
    List<Attr> out = new ArrayList<>();
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String k = "";
      Object v = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = key(p);
        p.nextToken();
        if (f.equals("key")) {
          k = text(p, "key");
        } else if (f.equals("value")) {
          v = anyValue(p);
        } else {
          p.skipChildren();
        }
      }
      out.add(new Attr(k, v));
    }
    return out;
  }

  private static @Nullable Object anyValue(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    Object v = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = key(p);
      p.nextToken();
      switch (f) {
        case "stringvalue" -> v = text(p, "stringValue");
        case "boolvalue" -> v = p.currentToken() == JsonToken.VALUE_TRUE;
        case "intvalue" -> v = integer(p, "intValue");
        case "doublevalue" -> v = p.getValueAsDouble();
        case "bytesvalue" -> v = base64(p);
        case "arrayvalue" -> v = array(p);
        case "kvlistvalue" -> v = new KvList(kvList(p));
        default -> p.skipChildren();
      }
    }
    return v;
  }

  private static List<Object> array(JsonParser p) throws IOException {
    List<Object> out = new ArrayList<>();
    start(p.currentToken(), JsonToken.START_OBJECT, "arrayValue");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = key(p);
      p.nextToken();
      if (f.equals("values") && p.currentToken() == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          Object v = anyValue(p);
          out.add(v == null ? "" : v);
        }
      } else {
        p.skipChildren();
      }
    }
    return out;
  }

  private static List<Attr> kvList(JsonParser p) throws IOException {
    List<Attr> out = List.of();
    start(p.currentToken(), JsonToken.START_OBJECT, "kvlistValue");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = key(p);
      p.nextToken();
      if (f.equals("values")) {
        out = attributes(p);
      } else {
        p.skipChildren();
      }
    }
    return out;
  }

  /** A key lower-cased without underscores, so camelCase and snake_case compare equal. */
  private static String key(JsonParser p) throws IOException {
    return p.currentName().replace("_", "").toLowerCase(Locale.ROOT);
  }

  private static String text(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw new InvalidPushException(field + " is not a string");
    }
    return p.getText();
  }

  private static long integer(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      String s = p.getText();
      try {
        return Long.parseUnsignedLong(s);
      } catch (NumberFormatException e) {
        try {
          return Long.parseLong(s);
        } catch (NumberFormatException e2) {
          throw new InvalidPushException(field + " \"" + s + "\" is not an integer");
        }
      }
    }
    throw new InvalidPushException(field + " is not an integer");
  }

  private static byte[] hex(JsonParser p, String field) throws IOException {
    String s = text(p, field);
    try {
      return HexFormat.of().parseHex(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidPushException(field + " \"" + s + "\" is not hex");
    }
  }

  private static byte[] base64(JsonParser p) throws IOException {
    String s = text(p, "bytesValue");
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidPushException("bytesValue is not base64: " + e.getMessage());
    }
  }

  private static void start(@Nullable JsonToken got, JsonToken want, String what) {
    if (got != want) {
      throw new InvalidPushException(
          what + ": expected " + (want == JsonToken.START_ARRAY ? "an array" : "an object"));
    }
  }
}
