package dev.logmon.present.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logmon.present.web.HostRule.Verdict;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exactly which Host headers the dashboard answers (issue 15: any value starting with {@code 127.}
 * used to pass, so {@code 127.0.0.1.evil.example} defeated the DNS-rebinding protection).
 */
class HostRuleTest {
  private static final HostRule LOOPBACK =
      new HostRule(address("127.0.0.1"), List.of("Monitor.Example.COM.", "10.1.2.3"));

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "Host: {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "(none)",
      textBlock =
          """
          # the attacks of issue 15
          127.0.0.1.evil.com:8080    | UNKNOWN
          127.0.0.1.nip.io           | UNKNOWN
          127.0.0.1 evil             | MALFORMED
          # loopback names and addresses, any port
          localhost                  | ALLOWED
          localhost:8080             | ALLOWED
          LOCALHOST:8080             | ALLOWED
          localhost.:8080            | ALLOWED
          localhost..                | MALFORMED
          app.localhost:9000         | ALLOWED
          localhost.evil.com         | UNKNOWN
          evillocalhost              | UNKNOWN
          127.0.0.1                  | ALLOWED
          127.0.0.1:8080             | ALLOWED
          127.0.0.1:                 | ALLOWED
          127.0.0.1.                 | ALLOWED
          127.1.2.3:80               | ALLOWED
          127.0.0.1:65536            | MALFORMED
          127.0.0.1:80a              | MALFORMED
          127.0.0.1:8080:1           | MALFORMED
          127.1                      | UNKNOWN
          0x7f.0.0.1                 | UNKNOWN
          2130706433                 | UNKNOWN
          127.000.0.1                | UNKNOWN
          127.0.0.256                | MALFORMED
          0.0.0.0                    | UNKNOWN
          # IPv6: only in brackets
          [::1]                      | ALLOWED
          [::1]:8080                 | ALLOWED
          [0:0:0:0:0:0:0:1]:8080     | ALLOWED
          [::FFFF:127.0.0.1]         | ALLOWED
          [::2]:8080                 | UNKNOWN
          ::1                        | MALFORMED
          [::1                       | MALFORMED
          [::1]x                     | MALFORMED
          [fe80::1%25eth0]           | MALFORMED
          [localhost]                | MALFORMED
          # names and addresses given with --web-host
          monitor.example.com        | ALLOWED
          MONITOR.example.com.:443   | ALLOWED
          other.example.com          | UNKNOWN
          10.1.2.3:8080              | ALLOWED
          10.1.2.4                   | UNKNOWN
          # nothing, or not a host
          (none)                     | MISSING
          ''                         | MALFORMED
          :8080                      | MALFORMED
          user@localhost             | MALFORMED
          localhost/x                | MALFORMED
          """)
  void loopbackBind(String host, Verdict expected) {
    assertThat(LOOPBACK.check(host)).isEqualTo(expected);
  }

  @Test
  void theBoundAddressIsAccepted() {
    HostRule rule = new HostRule(address("10.9.8.7"), List.of());
    assertThat(rule.check("10.9.8.7:8080")).isEqualTo(Verdict.ALLOWED);
    assertThat(rule.check("localhost")).isEqualTo(Verdict.ALLOWED);
    assertThat(rule.check("10.9.8.6")).isEqualTo(Verdict.UNKNOWN);
    HostRule v6 = new HostRule(address("::1"), List.of());
    assertThat(v6.check("[::1]:8080")).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void aWildcardBindAcceptsTheAddressesOfThisMachineOnly() throws Exception {
    HostRule rule = new HostRule(address("0.0.0.0"), List.of());
    assertThat(rule.check("127.0.0.1")).isEqualTo(Verdict.ALLOWED);
    // TEST-NET-3 (RFC 5737) is never a local interface's address.
    assertThat(rule.check("203.0.113.9")).isEqualTo(Verdict.UNKNOWN);
    assertThat(rule.check("example.com")).isEqualTo(Verdict.UNKNOWN);
    for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
        if (a instanceof java.net.Inet4Address) {
          assertThat(rule.check(a.getHostAddress())).isEqualTo(Verdict.ALLOWED);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "Monitor.Example.COM., monitor.example.com",
    "10.1.2.3, 10.1.2.3",
    "[::1], [::1]",
    "logs, logs"
  })
  void webHostNamesAreNormalised(String given, String normal) {
    assertThat(HostRule.normalName(given)).isEqualTo(normal);
  }

  @ParameterizedTest
  @CsvSource({"'monitor.example.com:8080'", "'a b'", "'[::1'", "''", "'300.1.1.1'", "'x/y'"})
  void badWebHostNamesAreRefused(String given) {
    assertThatThrownBy(() -> HostRule.normalName(given))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a host name or address without a port");
  }
}
