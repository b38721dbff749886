package dev.logmon.parse;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A line-at-a-time view of a {@link RowParser}, for tests that parse Strings: a hit comes back as
 * the record the counting stage sees (a row's counted fields, or a text format's whole record).
 * Lines previewed together are parsed without a preview of their own, as in one chunk.
 */
public final class RowLines implements LineParser {
  private final RowParser rows;
  private final boolean whole;
  private final LineProbe probe = new LineProbe();
  private int previewed;

  private RowLines(RowParser rows, boolean whole) {
    this.rows = rows;
    this.whole = whole;
  }

  /** The view of {@code rows}. */
  public static RowLines of(RowParser rows) {
    return new RowLines(rows, false);
  }

  /**
   * The view of {@code rows} that gives a row as a record with every field its parser read ({@link
   * ParsedLines#recordOfParsed}: the target, referrer and agent too; a row keeps no user).
   */
  public static RowLines whole(RowParser rows) {
    return new RowLines(rows, true);
  }

  /** The whole view of the parser of {@code --format spec}. */
  public static RowLines format(String spec) {
    return whole(dev.logmon.parse.format.LogFormats.parser(spec, n -> {}));
  }

  /** The parser behind the view. */
  public RowParser rows() {
    return rows;
  }

  @Override
  public ParseResult parse(String line) {
    byte[] b = (line == null ? "" : line).getBytes(StandardCharsets.UTF_8);
    if (previewed > 0) {
      previewed--;
    } else {
      rows.preview(b, 0, b.length);
    }
    byte outcome = probe.parse(rows, b, 0, b.length);
    if (outcome == ParsedLines.OK) {
      return new ParseResult.Parsed(
          whole ? probe.row().recordOfParsed(0) : probe.row().toRecord(0));
    }
    if (outcome == ParsedLines.RECORD) {
      return new ParseResult.Parsed(probe.row().record(0));
    }
    return new ParseResult.Malformed(ParsedLines.reason(outcome));
  }

  @Override
  public RowLines forSource(String source) {
    RowParser own = rows.forSource(source);
    return own == rows ? this : new RowLines(own, whole);
  }

  /** Shows the parser {@code lines} as one chunk, as a source hands them over. */
  public void preview(List<String> lines) {
    byte[] b = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    rows.preview(b, 0, lines.isEmpty() ? 0 : b.length);
    previewed = lines.size();
  }

  /**
   * {@code r} as a hit held as a record (a line with non-ASCII bytes) keeps it: every field but the
   * user.
   */
  public static LogRecord held(LogRecord r) {
    return new LogRecord(
        r.host(),
        "-",
        r.epochSecond(),
        r.offsetSeconds(),
        r.method(),
        r.requestMalformed() ? "" : r.target(),
        r.section(),
        r.requestMalformed(),
        r.status(),
        r.bytes(),
        r.referrer(),
        r.userAgent(),
        r.vhost(),
        r.durationMicros());
  }

  /**
   * {@code r} as the counting stage sees a row: the counted fields only (a row keeps no user,
   * referrer, user agent or target; the section stands in for the target).
   */
  public static LogRecord counted(LogRecord r) {
    return new LogRecord(
        r.host(),
        "-",
        r.epochSecond(),
        r.offsetSeconds(),
        r.method(),
        r.requestMalformed() ? "" : r.section(),
        r.section(),
        r.requestMalformed(),
        r.status(),
        r.bytes(),
        null,
        null,
        r.vhost(),
        r.durationMicros());
  }
}
