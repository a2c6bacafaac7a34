package io.moraine.ingest.otlp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Base64;

/**
 * Reading the protobuf JSON mapping's values with a jackson-core parser. Every method starts on the
 * value's first token (already read) and leaves the parser on its last token. A value of the wrong
 * JSON type throws {@link OtlpFormatException} naming the field's position. Stateless.
 */
final class Json {
  private Json() {}

  /** Handles one field; the parser is on the field's value. */
  @FunctionalInterface
  interface Field {
    void read(String name) throws IOException;
  }

  /** Handles one array element; the parser is on the element's first token. */
  @FunctionalInterface
  interface Element {
    void read() throws IOException;
  }

  /** Reads an object (or {@code null}), calling {@code field} with each field's camelCase name. */
  static void object(JsonParser p, Field field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t != JsonToken.START_OBJECT) {
      throw wrongType(p, "an object");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = camelCase(p.currentName());
      p.nextToken();
      field.read(name);
    }
  }

  /** Reads an array (or {@code null}), calling {@code element} for each element. */
  static void array(JsonParser p, Element element) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t != JsonToken.START_ARRAY) {
      throw wrongType(p, "an array");
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      element.read();
    }
  }

  static String string(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_STRING -> p.getText();
      case VALUE_NULL -> "";
      default -> throw wrongType(p, "a string");
    };
  }

  static boolean bool(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE, VALUE_NULL -> false;
      default -> throw wrongType(p, "a boolean");
    };
  }

  /** A 64-bit integer (signed or unsigned) as a number or a decimal string. */
  static long int64(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_NUMBER_INT ->
          p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? unsigned(p, p.getText())
              : p.getLongValue();
      case VALUE_STRING -> unsigned(p, p.getText());
      case VALUE_NULL -> 0;
      default -> throw wrongType(p, "an integer");
    };
  }

  static double float64(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_STRING -> {
        String s = p.getText();
        try {
          yield switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
          };
        } catch (NumberFormatException e) {
          throw new OtlpFormatException("invalid number \"" + s + "\" at " + where(p));
        }
      }
      case VALUE_NULL -> 0;
      default -> throw wrongType(p, "a number");
    };
  }

  static byte[] bytes(JsonParser p) throws IOException {
    String s = string(p);
    try {
      return Base64.getMimeDecoder().decode(s.replace('-', '+').replace('_', '/'));
    } catch (IllegalArgumentException e) {
      throw new OtlpFormatException("invalid base64 at " + where(p) + ": " + e.getMessage());
    }
  }

  /** An {@code AggregationTemporality}: its number or its name. */
  static int temporality(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return (int) int64(p);
    }
    return switch (p.getText()) {
      case "AGGREGATION_TEMPORALITY_UNSPECIFIED" -> MetricsData.TEMPORALITY_UNSPECIFIED;
      case "AGGREGATION_TEMPORALITY_DELTA" -> MetricsData.TEMPORALITY_DELTA;
      case "AGGREGATION_TEMPORALITY_CUMULATIVE" -> MetricsData.TEMPORALITY_CUMULATIVE;
      default -> (int) int64(p);
    };
  }

  static String where(JsonParser p) {
    JsonLocation l = p.currentTokenLocation();
    return "line " + l.getLineNr() + ", column " + l.getColumnNr();
  }

  private static long unsigned(JsonParser p, String s) {
    try {
      return s.startsWith("-") ? Long.parseLong(s) : Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      throw new OtlpFormatException("invalid 64-bit integer \"" + s + "\" at " + where(p));
    }
  }

  private static OtlpFormatException wrongType(JsonParser p, String want) throws IOException {
    String field = p.currentName();
    return new OtlpFormatException(
        "want "
            + want
            + (field == null ? "" : " for field \"" + field + "\"")
            + " at "
            + where(p)
            + ", got "
            + p.currentToken());
  }

  /** {@code snake_case} to {@code camelCase}; other names unchanged. */
  static String camelCase(String name) {
    if (name.indexOf('_') < 0) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name.length());
    boolean upper = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '_') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }
}
