package io.moraine.ingest.otlp;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;

/**
 * An attribute's {@code AnyValue} rendered as a label value, the way the OpenTelemetry collector's
 * {@code Value.AsString} does: strings as they are, booleans {@code true}/{@code false}, integers
 * in decimal, doubles as ECMAScript writes numbers, bytes in base64, arrays and key-value lists as
 * compact JSON of their elements.
 *
 * @param text the rendering
 * @param string whether the value is a string or bytes (quoted when nested in JSON)
 */
record AttributeValue(String text, boolean string) {
  static final AttributeValue EMPTY = new AttributeValue("", true);

  static AttributeValue ofString(String s) {
    return new AttributeValue(s, true);
  }

  static AttributeValue ofBool(boolean b) {
    return new AttributeValue(b ? "true" : "false", false);
  }

  static AttributeValue ofInt(long v) {
    return new AttributeValue(Long.toString(v), false);
  }

  static AttributeValue ofDouble(double v) {
    return new AttributeValue(ecmaScript(v), false);
  }

  static AttributeValue ofBytes(byte[] b) {
    return new AttributeValue(Base64.getEncoder().encodeToString(b), true);
  }

  /** A JSON array of the values. */
  static AttributeValue ofArray(List<AttributeValue> values) {
    StringBuilder sb = new StringBuilder().append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      values.get(i).appendJson(sb);
    }
    return new AttributeValue(sb.append(']').toString(), false);
  }

  /** A JSON object of alternating keys and values. */
  static AttributeValue ofMap(List<String> keys, List<AttributeValue> values) {
    StringBuilder sb = new StringBuilder().append('{');
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      quote(sb, keys.get(i));
      sb.append(':');
      values.get(i).appendJson(sb);
    }
    return new AttributeValue(sb.append('}').toString(), false);
  }

  private void appendJson(StringBuilder sb) {
    if (string) {
      quote(sb, text);
    } else {
      sb.append(text);
    }
  }

  /** Appends {@code s} as a JSON string. */
  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** ECMAScript's Number::toString: plain between 1e-6 and 1e21, else {@code 1.5e+21}. */
  static String ecmaScript(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    double abs = Math.abs(v);
    if (abs >= 1e-6 && abs < 1e21) {
      return d.toPlainString();
    }
    String digits = d.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - d.scale();
    StringBuilder sb = new StringBuilder();
    if (v < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    return sb.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent)).toString();
  }
}
