package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileTailer when the path is re-pointed rather than rotated: symlinks and atomic replace. */
class FileTailerReplaceTest {
  @TempDir Path dir;
  final List<String> notes = new ArrayList<>();
  final RecordingSink sink = new RecordingSink();

  @Test
  void symlinkRetargetedIsARotationToTheNewTarget() throws Exception {
    Path first = Files.writeString(dir.resolve("2024-01-01.log"), "");
    Path link = Files.createSymbolicLink(dir.resolve("current.log"), first);
    FileTailer t =
        new FileTailer(
            link, TailOptions.follow("current"), notes::add, null, new DescriptorLimit());
    t.pollOnce(sink);
    FileTailerTest.append(first, "a\nb");
    t.pollOnce(sink);
    Path second = Files.writeString(dir.resolve("2024-01-02.log"), "c\n");
    // Re-point the link atomically, the way log writers switch to a new dated file.
    Path tmp = Files.createSymbolicLink(dir.resolve("current.tmp"), second);
    Files.move(tmp, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    t.pollOnce(sink);
    assertThat(sink.lines()).containsExactly("a", "b", "c");
    assertThat(t.status().rotations()).isEqualTo(1);
  }

  @Test
  void atomicReplaceByRenameOverThePathIsARotation() throws Exception {
    Path log = Files.writeString(dir.resolve("access.log"), "");
    FileTailer t =
        new FileTailer(log, TailOptions.follow("log"), notes::add, null, new DescriptorLimit());
    t.pollOnce(sink);
    FileTailerTest.append(log, "old\n");
    Path tmp = Files.writeString(dir.resolve("access.log.tmp"), "new1\nnew2\n");
    Files.move(tmp, log, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    t.pollOnce(sink);
    assertThat(sink.lines()).containsExactly("old", "new1", "new2");
    assertThat(t.status().rotations()).isEqualTo(1);
    assertThat(notes).containsExactly("log rotated");
  }

  @Test
  void rewrittenInPlaceWithSameSizeIsSeenAsTruncation() throws Exception {
    Path log = Files.writeString(dir.resolve("access.log"), "");
    FileTailer t =
        new FileTailer(log, TailOptions.follow("log"), notes::add, null, new DescriptorLimit());
    t.pollOnce(sink);
    FileTailerTest.append(log, "aaaa\n");
    t.pollOnce(sink);
    // copytruncate then a quick writer: same inode, size back past our offset, new first bytes.
    Files.writeString(log, "bbbb\ncccc\n");
    t.pollOnce(sink);
    assertThat(sink.lines()).containsExactly("aaaa", "bbbb", "cccc");
    assertThat(t.status().truncations()).isEqualTo(1);
  }

  /** Regression: a copytruncate between two reads of one poll made us read at the stale offset. */
  @Test
  void copyTruncateBetweenReadsOfOnePollIsNotReadAtTheStaleOffset() throws Exception {
    Path log = dir.resolve("access.log");
    Files.writeString(log, numbered("old", 10_000));
    List<String> lines = new ArrayList<>();
    BatchSink truncatingSink =
        batch -> {
          if (lines.isEmpty()) {
            try {
              // The writer truncates and refills past our offset while we deliver.
              Files.writeString(log, numbered("new", 12_000));
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
          lines.addAll(batch.lines());
        };
    FileTailer t =
        new FileTailer(
            log,
            TailOptions.follow("log").withFromStart(true).withLimits(1000, 100),
            notes::add,
            null,
            new DescriptorLimit());
    while (t.pollOnce(truncatingSink) > 0) {
      // poll until caught up
    }
    List<String> fresh = lines.stream().filter(l -> l.startsWith("new-")).toList();
    assertThat(fresh).isEqualTo(List.of(numbered("new", 12_000).split("\n")));
    assertThat(t.status().truncations()).isEqualTo(1);
    // What came before the restart is old lines in order (the last possibly cut short).
    assertThat(lines.subList(0, lines.size() - fresh.size())).allMatch(l -> l.startsWith("old-"));
  }

  private static String numbered(String prefix, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      text.append(String.format("%s-%05d%n", prefix, i));
    }
    return text.toString();
  }
}
