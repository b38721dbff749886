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
 * <p>A plain row's path, agent and referrer are views of the ranges its parser recorded (the target
 * up to its query; null for a format that does not log the header); a malformed request has the
 * empty path, as its method is empty.
 */
public final class RowFields implements LineFields {
  /** The fields a plain row provides: all of them. */
  public static final Set<Field> FIELDS = Collections.unmodifiableSet(EnumSet.allOf(Field.class));

  private final ByteText ip = new ByteText();
  private final ByteText method = new ByteText();
  private final ByteText section = new ByteText();
  private final ByteText vhost = new ByteText();
  private final ByteText path = new ByteText();
  private final ByteText agent = new ByteText();
  private final ByteText referrer = new ByteText();
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
    if (outcome == ParsedLines.RECORD) {
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
    int from = lines.targetStart(row);
    return from < 0 ? "" : path.on(lines.buffer(), from, lines.pathEnd(row));
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
    int from = lines.agentStart(row);
    return from < 0 ? null : agent.on(lines.buffer(), from, lines.agentEnd(row));
  }

  @Override
  public CharSequence referrer() {
    int from = lines.referrerStart(row);
    return from < 0 ? null : referrer.on(lines.buffer(), from, lines.referrerEnd(row));
  }

  @Override
  public long bytes() {
    return lines.bytes(row);
  }

  @Override
  public long durationMicros() {
    return lines.durationMicros(row);
  }
}
