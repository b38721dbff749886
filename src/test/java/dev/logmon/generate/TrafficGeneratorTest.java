package dev.logmon.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {
  /** Strict Combined Log Format, deliberately stricter than logmon's own parser. */
  static final Pattern COMBINED =
      Pattern.compile(
          "^(\\S+) \\S+ (\\S+) \\[(\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4})\\]"
              + " \"([A-Z]+) (/\\S*) HTTP/1\\.[01]\" (\\d{3}) (\\d+|-) \"[^\"]*\" \"[^\"]*\"$");

  private static final long EPOCH = 1_700_000_000L; // 2023-11-14T22:13:20Z

  private static List<Matcher> lines(long seed, int n, double load) {
    TrafficGenerator generator = new TrafficGenerator(seed);
    return IntStream.range(0, n)
        .mapToObj(i -> generator.line(EPOCH + i / 10, load))
        .map(COMBINED::matcher)
        .peek(m -> assertThat(m.matches()).isTrue())
        .toList();
  }

  private static Map<String, Long> count(List<Matcher> lines, Function<Matcher, String> key) {
    return lines.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }

  @Test
  void everyLineIsStrictCombinedFormat() {
    TrafficGenerator generator = new TrafficGenerator(7);
    for (int i = 0; i < 20_000; i++) {
      String line = generator.line(EPOCH + i, i % 2);
      assertThat(line).matches(COMBINED).doesNotContain("\n");
    }
  }

  @Test
  void sameSeedSameLinesOtherSeedOtherLines() {
    TrafficGenerator a = new TrafficGenerator(42);
    TrafficGenerator b = new TrafficGenerator(42);
    TrafficGenerator c = new TrafficGenerator(43);
    List<String> fromA = IntStream.range(0, 500).mapToObj(i -> a.line(EPOCH, 0)).toList();
    List<String> fromB = IntStream.range(0, 500).mapToObj(i -> b.line(EPOCH, 0)).toList();
    List<String> fromC = IntStream.range(0, 500).mapToObj(i -> c.line(EPOCH, 0)).toList();
    assertThat(fromA).isEqualTo(fromB).isNotEqualTo(fromC);
  }

  @Test
  void timestampIsUtcWithEnglishMonthWhateverTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("ar-EG"));
      String line = new TrafficGenerator(1).line(EPOCH, 0);
      assertThat(line).contains("[14/Nov/2023:22:13:20 +0000]");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void hostsAreSkewedAndIncludeIpv6() {
    Map<String, Long> hosts = count(lines(1, 20_000, 0), m -> m.group(1));
    long top = hosts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(hosts).hasSizeGreaterThan(100);
    assertThat(top).isGreaterThan(20_000 / 20); // the busiest client sends over 5 %
    assertThat(hosts.keySet()).anyMatch(h -> h.startsWith("2001:db8:"));
    assertThat(hosts.keySet()).anyMatch(h -> h.startsWith("203.0.113."));
  }

  @Test
  void sectionsAreSkewedAcrossTheSite() {
    List<Matcher> lines = lines(2, 20_000, 0);
    Map<String, Long> sections = count(lines, m -> m.group(5).replaceFirst("^(/[^/?]*).*", "$1"));
    assertThat(sections.keySet())
        .contains("/api", "/static", "/images", "/blog", "/search", "/cart", "/admin", "/login");
    assertThat(sections.get("/api")).isGreaterThan(3 * sections.get("/admin"));
    assertThat(lines).anyMatch(m -> m.group(5).contains("?"));
  }

  @Test
  void mostlyGetAnd200WithTheUsualOthers() {
    List<Matcher> lines = lines(3, 20_000, 0);
    Map<String, Long> methods = count(lines, m -> m.group(4));
    Map<String, Long> statuses = count(lines, m -> m.group(6));
    Map<String, Long> users = count(lines, m -> m.group(2));
    assertThat(methods).containsKeys("GET", "POST", "PUT", "DELETE", "HEAD");
    assertThat(methods.get("GET")).isGreaterThan(20_000 * 7 / 10);
    assertThat(statuses).containsKeys("200", "304", "301", "302", "404", "403", "500", "503");
    assertThat(statuses.get("200")).isGreaterThan(20_000 / 2);
    assertThat(users.get("-")).isGreaterThan(20_000 * 8 / 10);
    assertThat(lines).allMatch(m -> !m.group(6).equals("304") || m.group(7).equals("-"));
  }

  @Test
  void loadRaisesTheShareOfServerErrors() {
    long calm = count(lines(4, 20_000, 0), m -> m.group(6).substring(0, 1)).get("5");
    long loaded = count(lines(4, 20_000, 1), m -> m.group(6).substring(0, 1)).get("5");
    assertThat(calm).isBetween(100L, 400L); // about 1 %
    assertThat(loaded).isGreaterThan(3 * calm); // about 8 %
  }
}
