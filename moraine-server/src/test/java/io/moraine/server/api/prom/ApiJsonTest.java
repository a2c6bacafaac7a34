package io.moraine.server.api.prom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.moraine.core.labels.Labels;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's float formats and string escapes, as Prometheus' JSON has them. */
class ApiJsonTest {
  @ParameterizedTest
  @CsvSource({
    "1, 1",
    "-1, -1",
    "0.1, 0.1",
    "1.5, 1.5",
    "100, 100",
    "123456789012, 123456789012",
    "1e20, 100000000000000000000",
    "1e21, 1e+21",
    "1.5e300, 1.5e+300",
    "0.000001, 0.000001",
    "0.0000001, 1e-07",
    "-2.5e-10, -2.5e-10",
    "4.9e-324, 5e-324",
    "0.30000000000000004, 0.30000000000000004",
    "NaN, NaN",
    "Infinity, +Inf",
    "-Infinity, -Inf",
    "-0.0, -0",
    "0, 0",
  })
  void sampleValues(double v, String text) {
    assertThat(ApiJson.sampleValue(v)).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({
    "0.0000001, 0.0000001",
    "1e21, 1000000000000000000000",
    "1e-10, 0.0000000001",
    "1.5, 1.5",
    "Infinity, +Inf",
  })
  void scalarValuesNeverUseExponents(double v, String text) {
    assertThat(ApiJson.plain(v)).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({
    "1435781451.781, 1435781451.781",
    "1.5, 1.5",
    "0, 0",
    "1e-7, 1e-7",
    "1e21, 1e+21",
    "-0.001, -0.001",
  })
  void jsonNumbersAsEncodingJson(double v, String text) {
    assertThat(ApiJson.jsonNumber(v)).isEqualTo(text);
  }

  @Test
  void stringsAreEscapedAsGoEscapesThem() throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = ApiJson.FACTORY.createGenerator(w)) {
      ApiJson.writeLabels(
          g,
          Labels.of(
              "__name__",
              "x",
              "a",
              "<b>&\"q\"\\",
              "c",
              "\n\t\r\b\f\u0001\u001f",
              "d",
              "é\u2028\u2029"));
    }
    assertThat(w.toString())
        .isEqualTo(
            "{\"__name__\":\"x\",\"a\":\"\\u003cb\\u003e\\u0026\\\"q\\\"\\\\\","
                + "\"c\":\"\\n\\t\\r\\u0008\\u000c\\u0001\\u001f\",\"d\":\"é\\u2028\\u2029\"}");
  }
}
