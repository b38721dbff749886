package dev.logmon.filter;

import dev.logmon.parse.ParsedLines;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A hit of a parsed chunk ({@link ParsedLines}) as filters read it, without making Strings: a plain
 * row's client, method, section and virtual host are views of the chunk's bytes (row keys are
 * ASCII), and a hit held as a record is read through {@link RecordFields}. Repositioned with {@link
 * #at}: one instance per filtering thread. Not thread-safe.
 *
 * <p>Rows keep no request target, user agent or referrer, so a plain row provides only {@link
 * #FIELDS}; filters on {@code path}, {@code agent} or {@code referrer} need rows that carry them
 * (docs/FILTERS.md, "Where filters apply"), and asking a plain row for one is an error rather than
 * a silent empty value.
 */
public final class RowFields implements LineFields {
  /** The fields a plain row provides. */
  public static final Set<Field> FIELDS =
      Collections.unmodifiableSet(
          EnumSet.of(
              Field.IP,
              Field.STATUS,
              Field.METHOD,
              Field.SECTION,
              Field.VHOST,
              Field.BYTES,
              Field.DURATION));

  private final Latin1 ip = new Latin1();
  private final Latin1 method = new Latin1();
  private final Latin1 section = new Latin1();
  private final Latin1 vhost = new Latin1();
  private final RecordFields record = new RecordFields();
  private ParsedLines lines;
  private int row;

  /**
   * The fields of hit {@code i} of {@code lines}: this view on a plain row, a record's view on a
   * hit held as a record; IllegalArgumentException for a line that is not a hit (malformed, or over
   * the line cap).
   */
  public LineFields at(ParsedLines lines, int i) {
    byte outcome = lines.outcome(i);
    if (outcome == ParsedLines.OK) {
      this.lines = lines;
      this.row = i;
      return this;
    }
    // The one other negative outcome is a hit held as a record (FALLBACK, or RECORD after #17).
    if (outcome < 0 && outcome != ParsedLines.OVERSIZE) {
      return record.at(lines.record(i));
    }
    throw new IllegalArgumentException("line " + i + " of the chunk is not a hit");
  }

  @Override
  public CharSequence ip() {
    int from = lines.hostStart(row);
    return from < 0 ? "-" : ip.on(lines.buffer(), from, lines.hostEnd(row));
  }

  @Override
  public int status() {
    return lines.status(row);
  }

  @Override
  public CharSequence method() {
    if (lines.requestMalformed(row)) {
      return "";
    }
    return method.on(lines.buffer(), lines.methodStart(row), lines.methodEnd(row));
  }

  @Override
  public CharSequence path() {
    throw missing(Field.PATH);
  }

  @Override
  public CharSequence section() {
    String placeholder = lines.sectionPlaceholder(row);
    if (placeholder != null) {
      return placeholder;
    }
    return section.on(lines.buffer(), lines.sectionStart(row), lines.sectionEnd(row));
  }

  @Override
  public CharSequence vhost() {
    int from = lines.vhostStart(row);
    return from < 0 ? null : vhost.on(lines.buffer(), from, lines.vhostEnd(row));
  }

  @Override
  public CharSequence agent() {
    throw missing(Field.AGENT);
  }

  @Override
  public CharSequence referrer() {
    throw missing(Field.REFERRER);
  }

  @Override
  public long bytes() {
    return lines.bytes(row);
  }

  @Override
  public long durationMicros() {
    return lines.durationMicros(row);
  }

  private static IllegalStateException missing(Field f) {
    return new IllegalStateException("chunk rows do not hold the " + f.key() + " yet");
  }

  /** ASCII bytes of a buffer as text, without copying them. */
  private static final class Latin1 implements CharSequence {
    private byte[] buf;
    private int from;
    private int length;

    Latin1 on(byte[] buf, int from, int to) {
      this.buf = buf;
      this.from = from;
      this.length = to - from;
      return this;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      if (index < 0 || index >= length) {
        throw new IndexOutOfBoundsException(index);
      }
      return (char) (buf[from + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return toString().substring(start, end);
    }

    @Override
    public String toString() {
      return new String(buf, from, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }
}
