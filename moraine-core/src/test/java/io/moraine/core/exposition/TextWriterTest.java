package io.moraine.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextWriterTest {
  @Test
  void valuesAreFormattedAsGoFormatsThem() {
    assertThat(TextWriter.formatValue(1e-4)).isEqualTo("0.0001");
    assertThat(TextWriter.formatValue(0.005)).isEqualTo("0.005");
    assertThat(TextWriter.formatValue(2.5)).isEqualTo("2.5");
    assertThat(TextWriter.formatValue(10)).isEqualTo("10");
    assertThat(TextWriter.formatValue(1e-5)).isEqualTo("1e-05");
    assertThat(TextWriter.formatValue(-1.5e-7)).isEqualTo("-1.5e-07");
    assertThat(TextWriter.formatValue(1.5e21)).isEqualTo("1.5e+21");
    assertThat(TextWriter.formatValue(123456.789)).isEqualTo("123456.789");
    assertThat(TextWriter.formatValue(Double.NaN)).isEqualTo("NaN");
    assertThat(TextWriter.formatValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
  }

  @Test
  void labelValuesAreEscaped() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TextWriter w = new TextWriter(out);
    w.help("m", "a\\b\nc");
    w.type("m", "gauge");
    w.sample("m", new String[] {"a"}, new String[] {"x\"y\\z\n"}, 1);
    w.flush();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("# HELP m a\\\\b\\nc\n# TYPE m gauge\nm{a=\"x\\\"y\\\\z\\n\"} 1\n");
  }

  @Test
  void openMetricsEscapesQuotesInHelpAndEndsWithEof() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TextWriter om = new TextWriter(out, true);
    om.help("m", "say \"hi\"");
    om.eof();
    om.flush();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("# HELP m say \\\"hi\\\"\n# EOF\n");

    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    TextWriter text = new TextWriter(plain);
    text.help("m", "say \"hi\"");
    text.eof();
    text.flush();
    assertThat(plain.toString(StandardCharsets.UTF_8)).isEqualTo("# HELP m say \"hi\"\n");
  }
}
