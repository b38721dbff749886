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
    FileTailer t = new FileTailer(link, TailOptions.follow("current"), notes::add);
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
    FileTailer t = new FileTailer(log, TailOptions.follow("log"), notes::add);
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
    FileTailer t = new FileTailer(log, TailOptions.follow("log"), notes::add);
    t.pollOnce(sink);
    FileTailerTest.append(log, "aaaa\n");
    t.pollOnce(sink);
    // copytruncate then a quick writer: same inode, size back past our offset, new first bytes.
    Files.writeString(log, "bbbb\ncccc\n");
    t.pollOnce(sink);
    assertThat(sink.lines()).containsExactly("aaaa", "bbbb", "cccc");
    assertThat(t.status().truncations()).isEqualTo(1);
  }
}
