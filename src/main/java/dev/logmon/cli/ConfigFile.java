package dev.logmon.cli;

import dev.logmon.present.Sanitizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A config file: {@code name = value} lines, where name is a long option without its dashes (or
 * {@code file} for a log to watch), a repeatable option repeats its line, a line starting with
 * {@code #} is a comment and blank lines are skipped. The value is the rest of the line, trimmed,
 * taken as written (quotes are part of it, as in {@code exclude = path ~ "^/health"}), so a {@code
 * #} inside a value is kept. UTF-8.
 *
 * <p>{@code config = FILE} reads another file in its place (a name relative to the including file's
 * directory; a {@code *}, {@code ?} or {@code [} in the last part is a pattern matching files in
 * that directory, read in name order, as in {@code config = conf.d/*.conf}). Bounded whatever the
 * files hold: at most {@value #MAX_FILES} files, {@value #MAX_DEPTH} levels deep and {@value
 * #MAX_BYTES} bytes in all, and no file read twice, so an include cycle is an error, not a loop.
 */
final class ConfigFile {
  static final int MAX_BYTES = 1 << 20;
  static final int MAX_FILES = 64;
  static final int MAX_DEPTH = 8;

  /** One setting: its key and value, and where it was written. */
  record Entry(String key, String value, Path file, int line) {
    /** {@code FILE:LINE}, sanitised for messages. */
    String where() {
      return Sanitizer.clean(file.toString()) + ":" + line;
    }
  }

  private ConfigFile() {}

  /**
   * The entries of {@code file} and the files it includes, in order, or none if it does not exist
   * and is {@code optional}; throws IllegalArgumentException with a one-line message naming the
   * file (and line) when it cannot be read, a line is not {@code name = value}, or includes go past
   * their bounds.
   */
  static List<Entry> read(Path file, boolean optional) {
    List<Entry> entries = new ArrayList<>();
    new Includes().read(file, optional, null, entries);
    return entries;
  }

  /** What the includes of one top-level file have used of their bounds. */
  private static final class Includes {
    private final Set<Path> seen = new HashSet<>();
    private final Deque<Path> stack = new ArrayDeque<>();
    private int bytes;

    void read(Path file, boolean optional, Entry from, List<Entry> into) {
      String at = from == null ? "" : from.where() + ": ";
      Path real;
      try {
        real = file.toRealPath();
      } catch (NoSuchFileException e) {
        if (optional) {
          return;
        }
        throw new IllegalArgumentException(at + "config file " + clean(file) + " does not exist");
      } catch (IOException e) {
        throw new IllegalArgumentException(
            at + "cannot read config file " + clean(file) + ": " + e.getMessage());
      }
      if (stack.contains(real)) {
        throw new IllegalArgumentException(
            at
                + "config file "
                + clean(file)
                + " includes itself (through "
                + clean(stack.peek())
                + ")");
      }
      if (!seen.add(real)) {
        throw new IllegalArgumentException(at + "config file " + clean(file) + " is read twice");
      }
      if (seen.size() > MAX_FILES) {
        throw new IllegalArgumentException(at + "more than " + MAX_FILES + " config files");
      }
      if (stack.size() >= MAX_DEPTH) {
        throw new IllegalArgumentException(
            at + "config files nested more than " + MAX_DEPTH + " deep");
      }
      stack.push(real);
      for (Entry e : entries(file, MAX_BYTES - bytes, this)) {
        if (!e.key().equals("config")) {
          into.add(e);
          continue;
        }
        for (Path included : included(file, e)) {
          read(included, false, e, into);
        }
      }
      stack.pop();
    }
  }

  /** The files a {@code config = ...} line names, a pattern's matches in name order. */
  private static List<Path> included(Path file, Entry e) {
    Path named;
    try {
      Path dir = file.toAbsolutePath().getParent();
      named = dir == null ? Path.of(e.value()) : dir.resolve(e.value());
    } catch (InvalidPathException ex) {
      throw new IllegalArgumentException(e.where() + ": not a file name: " + ex.getReason());
    }
    Path last = named.getFileName();
    if (last == null || !last.toString().matches(".*[*?\\[].*")) {
      return List.of(named);
    }
    List<Path> matches = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(named.getParent(), last.toString())) {
      for (Path p : dir) {
        if (Files.isRegularFile(p)) {
          matches.add(p);
        }
        if (matches.size() > MAX_FILES) {
          break;
        }
      }
    } catch (NoSuchFileException ex) {
      return List.of();
    } catch (IOException | IllegalArgumentException ex) {
      throw new IllegalArgumentException(
          e.where() + ": cannot list " + clean(named) + ": " + Sanitizer.clean(ex.getMessage()));
    }
    matches.sort(null);
    return matches;
  }

  private static String clean(Path p) {
    return Sanitizer.clean(String.valueOf(p));
  }

  /** The {@code name = value} lines of one file, which may use at most {@code budget} bytes. */
  private static List<Entry> entries(Path file, int budget, Includes includes) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(budget + 1);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read config file " + clean(file) + ": " + Sanitizer.clean(e.getMessage()));
    }
    if (bytes.length > budget) {
      throw new IllegalArgumentException(
          "config file "
              + clean(file)
              + (includes.bytes == 0 ? " is over 1 MiB" : " takes the config files over 1 MiB"));
    }
    includes.bytes += bytes.length;
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "config file " + Sanitizer.clean(file.toString()) + " is not UTF-8 text");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = Sanitizer.clean(file.toString()) + ":" + (i + 1);
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            where + ": expected 'name = value', got '" + Sanitizer.clip(line, 60) + "'");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (key.startsWith("-")) {
        throw new IllegalArgumentException(
            where + ": write the option without dashes, e.g. 'interval = 10s'");
      }
      if (value.isEmpty()) {
        throw new IllegalArgumentException(
            where + ": '" + Sanitizer.clip(key, 40) + "' has no value");
      }
      entries.add(new Entry(key, value, file, i + 1));
    }
    return entries;
  }
}
