package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path that cannot be read (a directory, a file without permission) gets one clear message and
 * the other files are still watched, also through a deletion and re-creation of one of them.
 *
 * <p>Lines are appended to a file only once a report shows that file as {@code following}: follow
 * mode starts at a file's end, and a note about another file says nothing about this one's watcher.
 */
class UnreadableSourcesIT {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

  @TempDir Path dir;

  @Test
  void aDirectoryIsReportedOnceAndTheOtherFileIsStillWatched() throws Exception {
    Path log = dir.resolve("access.log");
    Path folder = Files.createDirectory(dir.resolve("not-a-log"));
    Files.writeString(log, "");
    try (LogmonProcess p =
        LogmonProcess.start(
            "--output",
            "json",
            "--interval",
            "1s",
            "--poll",
            "50ms",
            log.toString(),
            folder.toString())) {
      p.awaitErr(l -> l.contains("is a directory"), DEADLINE);
      p.awaitFollowing(log, DEADLINE);
      append(log, 3);
      p.awaitLine(l -> l.contains("\"report\"") && l.contains("\"hits_total\":3"), DEADLINE);
      Files.delete(log); // vanishing: waited for, then followed again from its start
      p.awaitErr(l -> l.contains("deleted; waiting"), DEADLINE);
      append(log, 2);
      String report =
          p.awaitLine(l -> l.contains("\"report\"") && l.contains("\"hits_total\":5"), DEADLINE);
      JsonNode sources = LogmonProcess.read(report).get("sources");
      assertThat(sources.get(1).get("state").asText()).isEqualTo("error");
      assertThat(p.terminate(DEADLINE)).isZero();
      JsonNode summary = LogmonProcess.read(p.awaitLine(l -> l.contains("\"summary\""), DEADLINE));
      assertThat(summary.get("hits_total").asLong()).isEqualTo(5);
      JsonNode dirSource = summary.get("sources").get(1);
      assertThat(dirSource.get("name").asText()).isEqualTo(folder.toString());
      assertThat(dirSource.get("read_errors").asLong()).isEqualTo(1);
      assertThat(dirSource.get("detail").asText())
          .isEqualTo("cannot read " + folder + ": is a directory");
      assertThat(p.stderr()).filteredOn(l -> l.contains("is a directory")).hasSize(1);
      assertThat(summary.get("sources").get(0).get("rotations").asLong()).isEqualTo(1);
    }
  }

  /**
   * Root reads any file, so as root (CI) logmon runs as {@code nobody} here; otherwise as the
   * current user. Either way the locked file is unreadable for logmon until the test unlocks it.
   */
  @Test
  void aFileWithoutReadPermissionIsReportedOnceRetriedAndTheOtherFileIsStillWatched()
      throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Path log = logs.resolve("access.log");
    Path locked = logs.resolve("locked.log");
    Files.writeString(log, "");
    Files.writeString(locked, "");
    // Modes set, not left to the umask: nobody must reach the folder and read the open file.
    Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("-w-------"));
    String[] args = {
      "--output", "json", "--interval", "1s", "--poll", "50ms", log.toString(), locked.toString()
    };
    try (LogmonProcess p =
        LogmonProcess.root() ? LogmonProcess.startAsNobody(dir, args) : LogmonProcess.start(args)) {
      p.awaitErr(l -> l.contains("permission denied"), DEADLINE);
      p.awaitFollowing(log, DEADLINE);
      append(log, 2);
      p.awaitLine(l -> l.contains("\"report\"") && l.contains("\"hits_total\":2"), DEADLINE);

      // Unlocked: the file is retried and followed like any other.
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-r--r--"));
      p.awaitFollowing(locked, DEADLINE);
      append(locked, 3);
      p.awaitLine(l -> l.contains("\"report\"") && l.contains("\"hits_total\":5"), DEADLINE);
      assertThat(p.terminate(DEADLINE)).isZero();
      assertThat(p.stderr()).filteredOn(l -> l.contains("permission denied")).hasSize(1);
    }
  }

  private static void append(Path log, int lines) throws Exception {
    StringBuilder b = new StringBuilder();
    String ts = ZonedDateTime.now(ZoneOffset.UTC).format(CLF);
    for (int i = 0; i < lines; i++) {
      b.append("192.0.2.7 - - [").append(ts).append("] \"GET /x HTTP/1.1\" 200 5 \"-\" \"it\"\n");
    }
    Files.writeString(
        log, b, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
