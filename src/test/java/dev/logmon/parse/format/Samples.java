package dev.logmon.parse.format;

import dev.logmon.parse.LineParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.RowLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helpers: sample files from the test resources, parsed with a format. */
final class Samples {
  private Samples() {}

  static List<String> lines(String resource) {
    try (var in = Samples.class.getResourceAsStream("/logs/" + resource)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a whole file handed over as one batch, as the pipeline does (preview, then parse). */
  static List<ParseResult> parseAll(LineParser parser, String resource) {
    LineParser p = parser.forSource(resource);
    List<String> lines = lines(resource);
    if (p instanceof RowLines rows) {
      rows.preview(lines);
    }
    return lines.stream().map(p::parse).toList();
  }

  static LogRecord record(ParseResult r) {
    if (r instanceof ParseResult.Parsed p) {
      return p.record();
    }
    throw new AssertionError("not parsed: " + r);
  }
}
