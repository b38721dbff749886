package dev.logmon.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The check of a {@code --state} path at start: the state is saved by writing a temporary file
 * beside it and renaming it over the old one, so the directory must exist and take a new file, and
 * the path must not be a directory. Found now, a mistake is a usage error, not a warning five
 * seconds into the run. Stateless.
 */
final class StatePath {
  private StatePath() {}

  /** What makes {@code state} unusable, in one line, or null if it can be read and saved. */
  static String problem(Path state) {
    Path file = state.toAbsolutePath();
    Path dir = file.getParent();
    if (Files.isDirectory(file)) {
      return "--state " + state + " is a directory; give a file name in it";
    }
    if (dir == null || !Files.exists(dir)) {
      return "--state: the directory " + dir + " does not exist";
    }
    if (!Files.isDirectory(dir)) {
      return "--state: " + dir + " is not a directory";
    }
    if (Files.exists(file) && !Files.isReadable(file)) {
      return "--state: cannot read " + state + ": permission denied";
    }
    try {
      // The same step a save takes first: a new file in the state file's directory.
      Path probe = Files.createTempFile(dir, "." + file.getFileName() + ".", ".probe");
      Files.delete(probe);
      return null;
    } catch (IOException e) {
      return "--state: cannot save in " + dir + ": " + reason(e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no files can be created there";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage();
  }
}
