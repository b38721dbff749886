package dev.logmon.cli;

import dev.logmon.present.Sanitizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A config file: {@code name = value} lines, where name is a long option without its dashes (or
 * {@code file} for a log to watch), a repeatable option repeats its line, a line starting with
 * {@code #} is a comment and blank lines are skipped. The value is the rest of the line, trimmed,
 * taken as written (quotes are part of it, as in {@code exclude = path ~ "^/health"}), so a {@code
 * #} inside a value is kept. UTF-8, at most {@value #MAX_BYTES} bytes.
 */
final class ConfigFile {
  static final int MAX_BYTES = 1 << 20;

  /** One setting: its key and value, and where it was written. */
  record Entry(String key, String value, Path file, int line) {
    /** {@code FILE:LINE}, sanitised for messages. */
    String where() {
      return Sanitizer.clean(file.toString()) + ":" + line;
    }
  }

  private ConfigFile() {}

  /**
   * The entries of {@code file}, or none if it does not exist and is {@code optional}; throws
   * IllegalArgumentException with a one-line message naming the file (and line) when it cannot be
   * read or a line is not {@code name = value}.
   */
  static List<Entry> read(Path file, boolean optional) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      if (optional) {
        return List.of();
      }
      throw new IllegalArgumentException(
          "config file " + Sanitizer.clean(file.toString()) + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read config file " + Sanitizer.clean(file.toString()) + ": " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "config file " + Sanitizer.clean(file.toString()) + " is over 1 MiB");
    }
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
