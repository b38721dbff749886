package dev.logmon.present.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code [HOST:]PORT} parsing, one row per shape. */
class WebAddressTest {
  @ParameterizedTest
  @CsvSource({
    "8080, 127.0.0.1, 8080, true",
    "0, 127.0.0.1, 0, true",
    "localhost:9000, localhost, 9000, true",
    "0.0.0.0:8080, 0.0.0.0, 8080, false",
    "[::1]:8080, ::1, 8080, true",
    "192.0.2.1:80, 192.0.2.1, 80, false"
  })
  void parses(String text, String host, int port, boolean loopback) {
    WebAddress a = WebAddress.parse(text);
    assertThat(a.host()).isEqualTo(host);
    assertThat(a.port()).isEqualTo(port);
    assertThat(a.loopback()).isEqualTo(loopback);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "x", "host:", ":80", "::1:80", "65536", "-1", "123456", "h:8o"})
  void rejects(String text) {
    assertThatThrownBy(() -> WebAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
