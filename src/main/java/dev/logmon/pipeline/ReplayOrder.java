package dev.logmon.pipeline;

import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import dev.logmon.source.LogFiles;
import dev.logmon.source.StdinSource;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Puts the files of a replay in the order of their first timestamps. A shell glob lists a rotated
 * set newest first ({@code access.log access.log.1 access.log.2.gz}); read in that order every
 * older file would count as late and the windows and alerts would be wrong.
 *
 * <p>Files are only ordered, never merged: two files whose times overlap (two servers' logs) are
 * still read one after the other, and the second one's lines older than the window count as late.
 */
public final class ReplayOrder {
  /** Lines read from the start of a file looking for a timestamp before giving up on it. */
  static final int PEEK_LINES = 1000;

  private ReplayOrder() {}

  /**
   * {@code paths} sorted by the first timestamp each file's parser finds in its first {@link
   * #PEEK_LINES} lines; files with none (empty, unreadable, unparseable) keep their place relative
   * to each other after the others. Standard input cannot be peeked, so a list holding it is
   * returned as given.
   */
  public static List<Path> byFirstTimestamp(List<Path> paths, Supplier<RowParser> parsers) {
    if (paths.size() < 2 || paths.stream().anyMatch(p -> p.toString().equals(StdinSource.NAME))) {
      return paths;
    }
    record Keyed(Path path, long first) {}
    List<Keyed> keyed = new ArrayList<>();
    for (Path p : paths) {
      keyed.add(new Keyed(p, firstSecond(p, parsers.get())));
    }
    keyed.sort(Comparator.comparingLong(Keyed::first)); // stable: equal keys keep their order
    return keyed.stream().map(Keyed::path).toList();
  }

  /** The epoch second of the first line that parses, or {@code Long.MAX_VALUE}. */
  static long firstSecond(Path path, RowParser parser) {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    // Latin-1 both ways gives back the file's own bytes.
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(LogFiles.open(path), StandardCharsets.ISO_8859_1), 1 << 16)) {
      String line;
      for (int n = 0; n < PEEK_LINES && (line = r.readLine()) != null; n++) {
        head.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
        head.write('\n');
      }
    } catch (IOException e) {
      // The replay itself reports the file's problem when it gets to it.
    }
    byte[] b = head.toByteArray();
    ParsedLines rows = new ParsedLines();
    new ChunkParser(Integer.MAX_VALUE - 16, parser.forSource(path.toString()))
        .parse(b, 0, b.length, true, rows);
    for (int i = 0; i < rows.size(); i++) {
      byte outcome = rows.outcome(i);
      if (outcome == ParsedLines.OK) {
        return rows.second(i);
      }
      if (outcome == ParsedLines.RECORD) {
        return rows.record(i).epochSecond();
      }
    }
    return Long.MAX_VALUE;
  }
}
