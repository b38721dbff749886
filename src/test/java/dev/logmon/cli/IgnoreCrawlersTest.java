package dev.logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logmon.agent.Crawlers;
import dev.logmon.parse.ClfParser;
import dev.logmon.parse.ParseResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --ignore-crawlers} on real logs (an Apache-2.0 excerpt in {@code logs/corpus}, see its
 * NOTICE.md, and a hit for each of the 558 distinct agents of the elastic sample log): a replay
 * leaves out exactly the lines whose agent the crawler list calls a robot's, read line by line with
 * the text parser, counts them as {@code filtered.crawlers}, and the agents breakdown then holds
 * browsers and tools only.
 */
class IgnoreCrawlersTest {
  private static JsonNode summary(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        LogmonCommand.commandLine(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                InstantSource.system(),
                ConfigLocations.NONE)
            .execute(args);
    assertThat(code).isZero();
    String last = out.toString(StandardCharsets.UTF_8).lines().reduce((a, b) -> b).orElseThrow();
    return new ObjectMapper().readTree(last);
  }

  /** A log with one hit per distinct real agent of a public log (agents/NOTICE.md). */
  private static Path linePerAgent(Path agents, Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    int i = 0;
    for (String row : Files.readAllLines(agents, StandardCharsets.UTF_8)) {
      String agent = row.substring(row.indexOf('\t') + 1);
      lines.add(
          "192.0.2."
              + (i++ % 250)
              + " - - [10/Oct/2015:13:55:36 +0000] \"GET /x HTTP/1.1\" 200 5 \"-\" \""
              + agent.replace("\\", "\\\\").replace("\"", "\\\"")
              + "\"");
    }
    Path log = dir.resolve("agents.log");
    Files.write(log, lines, StandardCharsets.UTF_8);
    return log;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"elastic_examples_2015_lines_4001-5000.log", "elastic_examples_2015_agents.tsv"})
  void leavesOutExactlyTheRobots(String name, @TempDir Path dir) throws Exception {
    Path log =
        name.endsWith(".tsv")
            ? linePerAgent(Path.of("src/test/resources/agents", name), dir)
            : Path.of("src/test/resources/logs/corpus", name);
    Crawlers robots = Crawlers.load();
    ClfParser parser = new ClfParser();
    long hits = 0;
    long robotHits = 0;
    List<String> robotAgents = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (parser.parse(line) instanceof ParseResult.Parsed p) {
        String agent = p.record().userAgent();
        if (agent != null && robots.isCrawler(agent)) {
          robotHits++;
          robotAgents.add(agent);
        } else {
          hits++;
        }
      }
    }
    assertThat(robotHits).as("robots in %s", name).isPositive();
    assertThat(hits).isPositive();

    JsonNode all = summary("--replay", "--output", "json", log.toString());
    JsonNode kept =
        summary(
            "--replay", "--output", "json", "--ignore-crawlers", "--top", "1000", log.toString());
    assertThat(all.get("hits_total").asLong()).isEqualTo(hits + robotHits);
    assertThat(kept.get("hits_total").asLong()).isEqualTo(hits);
    assertThat(kept.get("filtered_total").asLong()).isEqualTo(robotHits);
    assertThat(kept.get("filtered").get("crawlers").asLong()).isEqualTo(robotHits);
    assertThat(kept.get("malformed_total").asLong()).isEqualTo(all.get("malformed_total").asLong());
    // Without the robots, no robot family is left among the agents.
    List<String> families = new ArrayList<>();
    kept.get("breakdowns")
        .get("agents")
        .get("rows")
        .forEach(r -> families.add(r.get("key").asText()));
    for (String agent : robotAgents) {
      assertThat(families).doesNotContain(robots.family(agent));
    }
  }
}
