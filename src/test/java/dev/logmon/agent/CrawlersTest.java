package dev.logmon.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Robots by their agent: the vendored list's own examples, real agents from two public logs, and
 * the indexed lookup against running every pattern.
 */
class CrawlersTest {
  private static final Crawlers CRAWLERS = Crawlers.load();
  private static final List<Pattern> ALL = patterns();

  @Test
  void recognisesEveryExampleOfTheList() throws IOException {
    List<String> instances = new ArrayList<>();
    for (JsonNode entry : listJson()) {
      entry.path("instances").forEach(i -> instances.add(i.asText()));
    }
    assertThat(instances).hasSizeGreaterThan(2000);
    assertThat(CRAWLERS.size()).isEqualTo(ALL.size()).isGreaterThan(1400);
    for (int i = 0; i < instances.size(); i++) {
      assertThat(CRAWLERS.isCrawler(instances.get(i))).as(instances.get(i)).isTrue();
      if (i % 3 == 0) { // running every pattern is slow; a third of them keeps the test short
        assertSameAsEveryPattern(instances.get(i));
      }
    }
  }

  @Test
  void agreesWithEveryPatternOnRealAgents() throws IOException {
    List<String> agents = realAgents("elastic_examples_2015_agents.tsv");
    agents.addAll(realAgents("basjes_hackers_2015_agents.tsv"));
    assertThat(agents).hasSize(585);
    for (String agent : agents) {
      assertSameAsEveryPattern(agent);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '\t',
      textBlock =
          """
          true	Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)
          true	Mozilla/5.0 (compatible; archive.org_bot +http://www.archive.org/details/archive.org_bot)
          true	Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)
          true	msnbot/2.0b (+http://search.msn.com/msnbot.htm)
          true	Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)
          true	Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)
          true	Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)
          true	Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)
          true	Tiny Tiny RSS/1.11 (http://tt-rss.org/)
          true	FeedBurner/1.0 (http://www.FeedBurner.com)
          true	Wget/1.13.4 (linux-gnu)
          true	curl/7.29.0
          false	Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.107 Safari/537.36
          false	Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:27.0) Gecko/20100101 Firefox/27.0
          false	Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.73.11 (KHTML, like Gecko) Version/7.0.1 Safari/537.73.11
          false	Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/39.0.2171.95 Safari/537.36 OPR/26.0.1656.60
          false	Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Dragon/36.1.1.21 Chrome/36.0.1985.97 Safari/537.36
          false	Mozilla/5.0 (Windows NT 6.3; WOW64; Trident/7.0; rv:11.0) like Gecko
          false	Mozilla/5.0 (X11; CrOS x86_64 6310.68.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/39.0.2171.96 Safari/537.36
          false	Mozilla/5.0 (Windows NT 6.3; WOW64; rv:34.0) Gecko/20100101 Firefox/34.0 AlexaToolbar/alxf-2.21
          false	-
          """)
  @SuppressWarnings("UnnecessaryStringBuilder") // a CharSequence that is not a String
  void tellsRobotsFromBrowsers(boolean robot, String agent) {
    assertThat(CRAWLERS.isCrawler(agent)).isEqualTo(robot);
    assertThat(CRAWLERS.isCrawler(new StringBuilder(agent))).isEqualTo(robot);
  }

  /** The list's gaps stay gaps: these two robots of the 2015 log are not in it (yet). */
  @Test
  void leavesWhatTheListDoesNotKnow() {
    assertThat(CRAWLERS.isCrawler("Mozilla/5.0 (compatible; Ezooms/1.0; help@moz.com)")).isFalse();
    assertThat(CRAWLERS.isCrawler("UniversalFeedParser/4.2-pre-314-svn +http://feedparser.org/"))
        .isFalse();
  }

  @Property(tries = 500)
  void agreesWithEveryPatternOnAnyText(@ForAll("agents") String agent) {
    assertSameAsEveryPattern(agent);
  }

  private static void assertSameAsEveryPattern(String agent) {
    String first = null;
    for (Pattern p : ALL) {
      if (p.matcher(agent).find()) {
        first = p.pattern();
        break;
      }
    }
    assertThat(CRAWLERS.matchingPattern(agent)).as(agent).isEqualTo(first);
  }

  @Provide
  Arbitrary<String> agents() {
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            Arbitraries.of(
                "Mozilla/5.0 ",
                "(compatible; ",
                "bot",
                "Bot",
                "crawl",
                "spider",
                "Googlebot/2.1",
                "curl",
                "wget",
                "Wget",
                "python-requests/2.0",
                "AdsBot-Google",
                "AdsBot-Google-Mobile",
                "Chrome/39",
                "Safari/537.36",
                "http://",
                "; ",
                ")",
                "+",
                "-",
                "/",
                " "),
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(6));
    return pieces.list().ofMaxSize(12).map(l -> String.join("", l));
  }

  static Iterable<JsonNode> listJson() throws IOException {
    try (InputStream in = Crawlers.class.getResourceAsStream("crawler-user-agents.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static List<Pattern> patterns() {
    try {
      List<Pattern> out = new ArrayList<>();
      for (JsonNode entry : listJson()) {
        out.add(Pattern.compile(entry.get("pattern").asText()));
      }
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The distinct agents of a public log (see src/test/resources/agents/NOTICE.md). */
  static List<String> realAgents(String file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line :
        Files.readAllLines(Path.of("src/test/resources/agents", file), StandardCharsets.UTF_8)) {
      out.add(line.substring(line.indexOf('\t') + 1));
    }
    return out;
  }
}
