package io.moraine.server.api.prom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.moraine.core.labels.Labels;
import io.moraine.promql.parser.GoText;
import java.io.IOException;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * JSON as Prometheus writes it: Go's string escapes ({@code <}, {@code >}, {@code &}, U+2028,
 * U+2029 and control characters as lower-case {@code \}{@code u00xx}), sample values as strings in
 * Go's float formats, timestamps as unix seconds. Stateless; the factory is thread-safe.
 */
final class ApiJson {
  static final JsonFactory FACTORY =
      new JsonFactoryBuilder()
          .characterEscapes(new GoEscapes())
          .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
          .build();

  private ApiJson() {}

  /** {@code {"name":"value",...}} in label order, as Prometheus renders a series' labels. */
  static void writeLabels(JsonGenerator g, Labels labels) throws IOException {
    g.writeStartObject();
    for (int i = 0; i < labels.size(); i++) {
      g.writeStringField(labels.name(i), labels.value(i));
    }
    g.writeEndObject();
  }

  /** {@code [1435781451.781,"1"]}: a sample of a vector or matrix. */
  static void writePoint(JsonGenerator g, long t, double v) throws IOException {
    g.writeStartArray();
    g.writeNumber(PromTimes.formatMillis(t));
    g.writeString(sampleValue(v));
    g.writeEndArray();
  }

  /**
   * A vector or matrix value: Go's {@code 'f'} format with the shortest digits, or {@code 'e'}
   * below 1e-6 and from 1e21 on; {@code NaN}, {@code +Inf}, {@code -Inf}.
   */
  static String sampleValue(double v) {
    double a = Math.abs(v);
    if (a != 0 && Double.isFinite(v) && (a < 1e-6 || a >= 1e21)) {
      return exponent(v);
    }
    return plain(v);
  }

  /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}, the format of scalar results. */
  static String plain(double v) {
    return GoText.plainFloat(v);
  }

  /** Go's {@code 'e'} format with the shortest digits: {@code 1e-07}, {@code -1.5e+21}. */
  static String exponent(double v) {
    BigDecimal d = GoText.shortestDecimal(Math.abs(v));
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale();
    StringBuilder sb = new StringBuilder(digits.length() + 8);
    if (v < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exp < 0 ? '-' : '+');
    int a = Math.abs(exp);
    if (a < 10) {
      sb.append('0');
    }
    return sb.append(a).toString();
  }

  /**
   * A float as Go's {@code encoding/json} writes a number (scalar and string result times): {@code
   * 'f'}, or {@code 'e'} with a one-digit exponent kept short ({@code 1e-7}) outside [1e-6, 1e21).
   */
  static String jsonNumber(double v) {
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-6 || a >= 1e21)) {
      String e = exponent(v);
      int n = e.length();
      if (n >= 4 && e.charAt(n - 4) == 'e' && e.charAt(n - 3) == '-' && e.charAt(n - 2) == '0') {
        return e.substring(0, n - 2) + e.charAt(n - 1);
      }
      return e;
    }
    return plain(v);
  }

  /** The escapes of Go's {@code encoding/json} (Go 1.19, which built Prometheus 2.42). */
  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final SerializableString LS = new SerializedString("\\u2028");
    private static final SerializableString PS = new SerializedString("\\u2029");

    private final int[] ascii;

    GoEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii['\b'] = ESCAPE_STANDARD;
      ascii['\f'] = ESCAPE_STANDARD;
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii.clone();
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int ch) {
      return switch (ch) {
        case 0x2028 -> LS;
        case 0x2029 -> PS;
        default -> null;
      };
    }
  }
}
