package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More files than descriptors ({@code ulimit -n}): the files that cannot be opened show as not
 * opened, wait in line, and are read in turn as open files read to their end are parked.
 */
class GlobDescriptorTest {
  @TempDir Path dir;
  final List<String> notes = new ArrayList<>();
  final RecordingSink sink = new RecordingSink();

  @Test
  void everyFileIsReadInTurnWithinTheLimit() throws Exception {
    int files = 40;
    for (int i = 0; i < files; i++) {
      Files.writeString(dir.resolve(String.format("f%02d.log", i)), "");
    }
    DescriptorLimit limit = new DescriptorLimit(5);
    GlobWatcher w =
        new GlobWatcher(
            dir.resolve("*.log").toString(), TailOptions.follow("glob"), notes::add, null, limit);
    w.pollOnce(sink);
    assertThat(w.statuses())
        .filteredOn(s -> s.state() == SourceStatus.State.NOT_OPENED)
        .hasSize(files - 5);
    List<String> expected = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < files; i++) {
        String line = "f" + i + " r" + round;
        FileTailerTest.append(dir.resolve(String.format("f%02d.log", i)), line + "\n");
        expected.add(line);
      }
      for (int poll = 0; poll < 2 * files / GlobWatcher.PARK_PER_POLL + 12; poll++) {
        w.pollOnce(sink);
        assertThat(limit.held()).isLessThanOrEqualTo(5);
      }
    }
    assertThat(sink.take()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(w.statuses()).allSatisfy(s -> assertThat(s.lines()).isEqualTo(3));
    w.close();
    assertThat(limit.held()).isZero(); // every descriptor was given back
  }

  @Test
  void aRefusalLowersTheLimitAndIsNotedOnce() {
    DescriptorLimit limit = new DescriptorLimit();
    for (int i = 0; i < 100; i++) {
      assertThat(limit.tryAcquire()).isTrue();
    }
    limit.refused(notes::add);
    limit.refused(notes::add);
    assertThat(limit.tryAcquire()).isFalse(); // 100 held, less a reserve of 32: 68 allowed
    for (int i = 0; i < 33; i++) {
      limit.release();
    }
    assertThat(limit.tryAcquire()).isTrue();
    assertThat(notes).singleElement().asString().startsWith("too many open files (ulimit -n)");
    assertThat(
            DescriptorLimit.isExhausted(
                new java.nio.file.FileSystemException("/x", null, "Too many open files")))
        .isTrue();
  }

  @Test
  void aParkedFileLetGoAndMetAgainGoesOnFromItsLastWholeLine() throws Exception {
    Path a = Files.writeString(dir.resolve("a.log"), "");
    Path b = Files.writeString(dir.resolve("b.log"), "");
    GlobWatcher w =
        new GlobWatcher(
            dir.resolve("*.log").toString(),
            TailOptions.follow("glob"),
            notes::add,
            null,
            new DescriptorLimit(1));
    for (int i = 0; i < 4; i++) {
      w.pollOnce(sink); // both opened in turn, then parked at their ends
    }
    FileTailerTest.append(a, "x\npart");
    FileTailerTest.append(b, "y\n");
    for (int i = 0; i < 4; i++) {
      w.pollOnce(sink);
    }
    assertThat(sink.take()).containsExactlyInAnyOrder("x", "y");
    Path away = dir.resolve("a.away");
    Files.move(a, away);
    FileTailerTest.append(b, "y2\n"); // keeps b busy, so a stays parked while it is let go
    for (int i = 0; i < 4; i++) {
      w.pollOnce(sink);
    }
    FileTailerTest.append(away, "ial\n");
    Files.move(away, dir.resolve("c.log"));
    for (int i = 0; i < 4; i++) {
      w.pollOnce(sink);
    }
    assertThat(sink.take()).containsExactlyInAnyOrder("y2", "partial");
  }
}
