package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state file of a million entries (date-named logs deleted long ago) loads in a 64 MiB heap and
 * is pruned to the files that still exist (regression of issue 14: it only grew, and loading it
 * took 1.25 GB).
 */
class StateFileSizeIT {
  private static final int ENTRIES = 1_000_000;
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void aMillionEntriesLoadInASmallHeapAndThoseOfGoneFilesArePruned() throws Exception {
    Path log = Files.writeString(dir.resolve("access.log"), "");
    Path state = dir.resolve("state.json");
    String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    try (BufferedWriter w = Files.newBufferedWriter(state, StandardCharsets.UTF_8)) {
      w.write("{\"version\":1,\"files\":[");
      for (int i = 0; i < ENTRIES; i++) {
        w.write(i == 0 ? "" : ",");
        w.write("{\"path\":\"" + dir.resolve("old/access-" + i + ".log") + "\",");
        w.write("\"file_key\":\"(dev=803,ino=" + (1_000_000 + i) + ")\",\"prefix_length\":1024,");
        w.write("\"prefix_sha256\":\"" + sha + "\",\"offset\":" + i + ",\"mid_line\":false}");
      }
      w.write("]}\n");
    }
    long before = Files.size(state);
    try (LogmonProcess p =
        LogmonProcess.startAs(
            List.of("env", "JAVA_TOOL_OPTIONS=-Xmx64m"),
            "--output",
            "json",
            "--interval",
            "1s",
            "--state",
            state.toString(),
            log.toString())) {
      p.awaitLine(l -> l.contains("\"type\":\"report\""), DEADLINE);
      assertThat(p.terminate(DEADLINE)).isZero();
      assertThat(p.stderr()).noneMatch(l -> l.contains("OutOfMemoryError"));
    }
    long after = Files.size(state);
    System.out.printf(
        "state file: %d bytes with %d entries, %d bytes after a run%n", before, ENTRIES, after);
    assertThat(Files.readString(state)).contains(log.toString()).doesNotContain("access-1.log");
  }
}
