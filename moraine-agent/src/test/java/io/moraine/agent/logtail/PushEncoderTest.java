package io.moraine.agent.logtail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushEncoderTest {
  @Test
  void encodesStreamsAndEntriesThatDecodeBack() {
    byte[] body =
        new PushEncoder()
            .encode(
                List.of(
                    new PushEncoder.StreamEntries(
                        "{a=\"1\"}",
                        new long[] {1_714_564_800_123_456_789L, 0L},
                        List.of(utf8("héllo"), utf8(""))),
                    new PushEncoder.StreamEntries(
                        "{a=\"2\"}", new long[] {-1L}, List.of(utf8("x".repeat(300))))));
    assertThat(LokiReceiver.decode(body))
        .containsExactly(
            new LokiReceiver.Entry("{a=\"1\"}", 1_714_564_800_123_456_789L, "héllo"),
            new LokiReceiver.Entry("{a=\"1\"}", 0L, ""),
            new LokiReceiver.Entry("{a=\"2\"}", -1L, "x".repeat(300)));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
