package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {
  @ParameterizedTest
  @CsvSource({
    "127.0.0.1:9700, 127.0.0.1, 9700",
    ":9090, '', 9090",
    "[::1]:9700, ::1, 9700",
    "localhost:0, localhost, 0",
    "0.0.0.0:65535, 0.0.0.0, 65535",
  })
  void parses(String text, String host, int port) {
    ListenAddress a = ListenAddress.parse(text);
    assertThat(a.host()).isEqualTo(host);
    assertThat(a.port()).isEqualTo(port);
    assertThat(a.toString()).isEqualTo(text.startsWith(":") ? ":" + port : text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"9700", "host:", "host:port", "host:65536", "::1:9700", "[::1:9700", ":-1"})
  void rejects(String text) {
    assertThatThrownBy(() -> ListenAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid listen address \"" + text + "\": ");
  }

  @Test
  void emptyHostMeansEveryInterface() {
    InetSocketAddress a = ListenAddress.parse(":9700").toSocketAddress();
    assertThat(a.getAddress().isAnyLocalAddress()).isTrue();
    assertThat(ListenAddress.parse("[::1]:1").toSocketAddress().getAddress().isLoopbackAddress())
        .isTrue();
  }
}
