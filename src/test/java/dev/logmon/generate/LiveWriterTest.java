package dev.logmon.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveWriterTest {
  /** 20 s calm, then 40 s spike and 60 s calm, repeating. */
  static final SpikeTiming TIMING = new SpikeTiming(20, 40, 60);

  private static final Instant START = Instant.ofEpochSecond(1_700_000_000L);
  private static final Schedule SPIKE = new Schedule(Shape.SPIKE, 5, 30, TIMING);

  @TempDir Path dir;
  private final FakeClock clock = new FakeClock(START);

  private LiveWriter writer(Path file, Schedule schedule) throws IOException {
    return new LiveWriter(file, new TrafficGenerator(1), schedule, clock, clock.sleeper());
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  @Test
  void stepWritesTheCumulativeNumberOfLinesDue() throws IOException {
    Path file = dir.resolve("access.log");
    try (LiveWriter writer = writer(file, SPIKE)) {
      assertThat(writer.step()).isZero();
      clock.advance(Duration.ofSeconds(20));
      assertThat(writer.step()).isEqualTo(100);
      clock.advance(Duration.ofSeconds(40));
      assertThat(writer.step()).isEqualTo(1200);
      assertThat(writer.written()).isEqualTo(1300);
    }
    assertThat(lines(file))
        .hasSize(1300)
        .allMatch(line -> TrafficGeneratorTest.COMBINED.matcher(line).matches());
  }

  @Test
  void runForADurationWritesExactlyTheLinesDueAndStampsThemWithTheClock() throws IOException {
    Path file = dir.resolve("access.log");
    try (LiveWriter writer = writer(file, SPIKE)) {
      assertThat(writer.run(Duration.ofSeconds(60), () -> false)).isEqualTo(1300);
    }
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(60));
    Map<Long, Long> perSecond =
        lines(file).stream()
            .map(TrafficGeneratorTest.COMBINED::matcher)
            .filter(Matcher::matches)
            .collect(
                Collectors.groupingBy(
                    m -> Long.parseLong(m.group(3).substring(18, 20)), Collectors.counting()));
    // 22:13:20 is the start; minute :13 seconds 20..59 then :14 seconds 00..20.
    assertThat(perSecond.get(25L)).isBetween(4L, 6L); // calm
    assertThat(perSecond.get(50L)).isBetween(29L, 31L); // spiking
    assertThat(perSecond.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1300);
  }

  @Test
  void fractionalRatesWork() throws IOException {
    Path file = dir.resolve("slow.log");
    try (LiveWriter writer = writer(file, new Schedule(Shape.FLAT, 0.5, 0.5, TIMING))) {
      writer.run(Duration.ofSeconds(10), () -> false);
      assertThat(writer.written()).isEqualTo(5);
    }
  }

  @Test
  void appendsToExistingFileAndAlwaysEndsWithNewline() throws IOException {
    Path file = dir.resolve("access.log");
    Files.writeString(file, "existing line\n");
    try (LiveWriter writer = writer(file, SPIKE)) {
      for (int i = 0; i < 100; i++) {
        clock.advance(Duration.ofMillis(337));
        writer.step();
        String content = Files.readString(file);
        assertThat(content).startsWith("existing line\n").endsWith("\n");
      }
    }
  }

  @Test
  void stopsWhenAskedWithoutWritingFurther() throws IOException {
    AtomicInteger checks = new AtomicInteger();
    try (LiveWriter writer = writer(dir.resolve("a.log"), SPIKE)) {
      // 21 steps, at 0, 50, ..., 1000 ms: 1 s at 5 lines/s.
      writer.run(() -> checks.incrementAndGet() > 21);
      assertThat(writer.written()).isEqualTo(5);
    }
  }

  @Test
  void stopsCleanlyOnInterrupt() throws IOException {
    Path file = dir.resolve("a.log");
    AtomicInteger sleeps = new AtomicInteger();
    Sleeper interruptedOnThird =
        d -> {
          clock.advance(d);
          if (sleeps.incrementAndGet() == 3) {
            throw new InterruptedException();
          }
        };
    try (LiveWriter writer =
        new LiveWriter(file, new TrafficGenerator(1), SPIKE, clock, interruptedOnThird)) {
      writer.run(() -> false);
      assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
    }
    assertThat(sleeps).hasValue(3);
  }

  @Test
  void createsAMissingFile() throws IOException {
    Path file = dir.resolve("new.log");
    try (LiveWriter writer = writer(file, SPIKE)) {
      assertThat(file).exists().isEmptyFile();
      assertThat(writer.written()).isZero();
    }
  }
}
