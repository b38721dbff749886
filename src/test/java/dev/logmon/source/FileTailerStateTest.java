package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming a {@link FileTailer} from saved positions, as after a restart with {@code --state}: each
 * "run" is a new tailer given the position of the last batch the previous one delivered.
 */
class FileTailerStateTest {
  @TempDir Path dir;
  final List<String> notes = new ArrayList<>();

  /** One run: a fresh tailer resuming from {@code saved}, polled once. */
  private RecordingSink run(Path log, Map<String, FilePosition> saved, boolean fromStart, int batch)
      throws InterruptedException {
    RecordingSink sink = new RecordingSink();
    TailOptions opts = TailOptions.follow("log").withFromStart(fromStart).withLimits(256, batch);
    FileTailer t = new FileTailer(log, opts, notes::add, saved, new DescriptorLimit());
    t.pollOnce(sink);
    t.close();
    return sink;
  }

  private static Map<String, FilePosition> lastPosition(RecordingSink sink) {
    FilePosition end = sink.batches.get(sink.batches.size() - 1).end();
    Map<String, FilePosition> saved = new HashMap<>();
    saved.put(end.path(), end);
    return saved;
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void resumesAtTheSavedOffsetWithoutLosingOrRepeatingALine() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "a\nb\n");
    RecordingSink first = run(log, new HashMap<>(), true, 100);
    assertThat(first.lines()).containsExactly("a", "b");
    append(log, "c\nd\n");
    RecordingSink second = run(log, lastPosition(first), false, 100);
    assertThat(second.lines()).containsExactly("c", "d");
    assertThat(second.batches.get(second.batches.size() - 1).end().offset()).isEqualTo(8);
  }

  @Test
  void aPartialLineIsNotPartOfThePositionAndIsReadWholeLater() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "a\npar");
    RecordingSink first = run(log, new HashMap<>(), true, 100);
    assertThat(first.lines()).containsExactly("a");
    assertThat(first.batches.get(first.batches.size() - 1).end().offset()).isEqualTo(2);
    append(log, "tial\n");
    assertThat(run(log, lastPosition(first), false, 100).lines()).containsExactly("partial");
  }

  @Test
  void linesReadButNotCommittedAreReadAgain() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "1\n");
    RecordingSink first = new RecordingSink();
    FileTailer t =
        new FileTailer(
            log,
            TailOptions.follow("log").withFromStart(true),
            notes::add,
            new HashMap<>(),
            new DescriptorLimit());
    t.pollOnce(first);
    append(log, "2\n3\n");
    t.pollOnce(first);
    t.close();
    // Batches 0 (marker), 1 ("1") counted; "2" and "3" were read but logmon stopped before
    // counting them, so the committed position is the one after "1".
    assertThat(first.batches.get(0).lines()).isEmpty();
    assertThat(first.batches.get(2).lines()).containsExactly("2", "3");
    Map<String, FilePosition> saved =
        Map.of(first.batches.get(1).end().path(), first.batches.get(1).end());
    assertThat(run(log, saved, false, 1).lines()).containsExactly("2", "3");
  }

  @Test
  void aFileRotatedWhileStoppedIsFoundByIdentityAndFinishedFirst() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "a\nb\n");
    RecordingSink first = run(log, new HashMap<>(), true, 100);
    append(log, "c\n"); // written after the stop, before the rotation
    Files.move(log, dir.resolve("access.log-20260101"));
    append(dir.resolve("other.log"), "x\n");
    append(log, "d\ne\n");
    RecordingSink second = new RecordingSink();
    FileTailer t =
        new FileTailer(
            log, TailOptions.follow("log"), notes::add, lastPosition(first), new DescriptorLimit());
    t.pollOnce(second);
    assertThat(second.lines()).containsExactly("c", "d", "e");
    assertThat(t.status().rotations()).isEqualTo(1);
    assertThat(notes).anyMatch(n -> n.contains("rotated while logmon was stopped"));
  }

  /** Regression: a rotation while the rotated-away file was being drained skipped a whole file. */
  @Test
  void aRotationDuringTheDrainOfTheSavedFileSkipsNoFile() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "a\n");
    RecordingSink first = run(log, new HashMap<>(), true, 100);
    append(log, "b\n");
    Files.move(log, dir.resolve("access.log.1"));
    append(log, "c\n");
    RecordingSink received = new RecordingSink();
    BatchSink sink =
        batch -> {
          received.put(batch);
          if (received.batches.size() == 1) { // while draining access.log.1: rotate again
            try {
              Files.move(log, dir.resolve("access.log.2"));
              append(log, "d\n");
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        };
    FileTailer t =
        new FileTailer(
            log, TailOptions.follow("log"), notes::add, lastPosition(first), new DescriptorLimit());
    t.pollOnce(sink);
    t.pollOnce(sink);
    assertThat(received.lines()).containsExactly("b", "c", "d");
    assertThat(t.status().rotations()).isEqualTo(2);
  }

  @Test
  void aFileRotatedAndRemovedWhileStoppedIsNotedAndTheNewFileReadFromItsStart() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "a\n");
    RecordingSink first = run(log, new HashMap<>(), true, 100);
    Path elsewhere = Files.createDirectory(dir.resolve("archive"));
    Files.move(log, elsewhere.resolve("access.log.1")); // out of the directory searched
    append(log, "new\n");
    assertThat(run(log, lastPosition(first), false, 100).lines()).containsExactly("new");
    assertThat(notes).anyMatch(n -> n.contains("the file last read is gone"));
  }

  @Test
  void aFileTruncatedWhileStoppedIsReadFromItsStart() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "first line\nsecond line\n");
    RecordingSink first = run(log, new HashMap<>(), true, 100);
    Files.writeString(log, "fresh\n", StandardOpenOption.TRUNCATE_EXISTING); // same inode
    RecordingSink second = new RecordingSink();
    FileTailer t =
        new FileTailer(
            log, TailOptions.follow("log"), notes::add, lastPosition(first), new DescriptorLimit());
    t.pollOnce(second);
    assertThat(second.lines()).containsExactly("fresh");
    assertThat(t.status().truncations()).isEqualTo(1);
  }

  @Test
  void aFileSeenForTheFirstTimeFollowsFromItsEndAndIsRememberedAtOnce() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "old\n");
    RecordingSink first = run(log, new HashMap<>(), false, 100);
    assertThat(first.lines()).isEmpty();
    LineBatch marker = first.batches.get(0);
    assertThat(marker.end().offset()).isEqualTo(4);
    assertThat(marker.end().path()).isEqualTo(log.toAbsolutePath().toString());
    append(log, "new\n"); // written while stopped, before any line was read
    assertThat(run(log, lastPosition(first), false, 100).lines()).containsExactly("new");
  }

  @Test
  void anOversizeLineCutAtTheStopIsSkippedNotReadAgain() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "a\n" + "x".repeat(300)); // over the 256-byte cap, not yet terminated
    RecordingSink first = run(log, new HashMap<>(), true, 100);
    assertThat(first.lines()).hasSize(2);
    FilePosition end = first.batches.get(first.batches.size() - 1).end();
    assertThat(end.midLine()).isTrue();
    append(log, "yyy\nb\n");
    assertThat(run(log, lastPosition(first), false, 100).lines()).containsExactly("b");
  }

  @Test
  void withoutSavedPositionsBatchesCarryNone() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "a\n");
    RecordingSink sink = new RecordingSink();
    new FileTailer(
            log,
            TailOptions.follow("log").withFromStart(true),
            notes::add,
            null,
            new DescriptorLimit())
        .pollOnce(sink);
    assertThat(sink.batches).singleElement().satisfies(b -> assertThat(b.end()).isNull());
  }
}
