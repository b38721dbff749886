package dev.logmon.parse.format;

import dev.logmon.parse.ByteScan;
import dev.logmon.parse.ByteTimestamp;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import java.util.HashMap;
import java.util.Map;

/**
 * The W3C extended log format of IIS and others: space-separated fields named by the newest {@code
 * #Fields:} header line, {@code -} for an empty field, times in UTC.
 *
 * <p>Until a file's first {@code #Fields:} line the IIS default field list is assumed. Header lines
 * ({@code #Software:}, {@code #Fields:} ...) are counted as {@link MalformedReason#HEADER_LINE}.
 * Stateful: an instance follows one file's headers, so {@link #forSource} gives each source its
 * own; owned by the pipeline thread.
 *
 * <p>Values are kept as written: IIS's {@code +} for a space in {@code cs(User-Agent)} and {@code
 * cs(Referer)} stays a {@code +}, since a {@code +} the client sent looks the same.
 */
public final class W3cFormat implements RowParser {
  /** IIS's default fields, used before a {@code #Fields:} line is seen. */
  static final String IIS_DEFAULT =
      "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent)"
          + " cs(Referer) sc-status sc-substatus sc-win32-status time-taken";

  private static final int DATE = -1;
  private static final int TIME = -2;

  private final Map<String, W3cFormat> bySource = new HashMap<>();
  private FieldKind[] kinds;
  private int[] special;
  private boolean sawFields;

  public W3cFormat() {
    fields(IIS_DEFAULT);
  }

  @Override
  public RowParser forSource(String source) {
    return bySource.computeIfAbsent(source, s -> new W3cFormat());
  }

  @Override
  public boolean parallel() {
    return false;
  }

  @Override
  public byte parse(byte[] bytes, int from, int to, ParsedLines out, int row) {
    String line = out.text(from, to);
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    if (end == 0) {
      return ParsedLines.code(MalformedReason.EMPTY);
    }
    if (line.charAt(0) == '#') {
      if (line.startsWith("#Fields:")) {
        fields(line.substring(8, end).trim());
        sawFields = true;
      }
      return ParsedLines.code(MalformedReason.HEADER_LINE);
    }
    RecordBuilder b = new RecordBuilder();
    int date = -1;
    int clock = -1;
    int p = 0;
    for (int i = 0; i < kinds.length; i++) {
      if (p > end) {
        return ParsedLines.code(MalformedReason.FORMAT_MISMATCH);
      }
      int e = line.indexOf(' ', p);
      e = e < 0 || e > end ? end : e;
      // The date and time are checked where they stand, so that a line that is no W3C line at
      // all fails on its first field, not on whichever field happens to come after them.
      if (special[i] == DATE) {
        if (e - p != 10 || line.charAt(p + 4) != '-' || line.charAt(p + 7) != '-') {
          return ParsedLines.code(MalformedReason.BAD_TIMESTAMP);
        }
        date = p;
      } else if (special[i] == TIME) {
        if (e - p < 8 || ByteTimestamp.clock(ByteScan.latin1(line, p, p + 8), 0) < 0) {
          return ParsedLines.code(MalformedReason.BAD_TIMESTAMP);
        }
        clock = p;
      } else if (!(e == p + 1 && line.charAt(p) == '-' && absentIfDash(kinds[i]))
          && !set(b, kinds[i], line, p, e)) {
        return ParsedLines.code(kinds[i].reason);
      }
      p = e + 1;
    }
    if (p <= end) {
      return ParsedLines.code(MalformedReason.FORMAT_MISMATCH); // more fields than #Fields: names
    }
    if (date < 0 || clock < 0 || !time(b, line, date, clock)) {
      return ParsedLines.code(MalformedReason.BAD_TIMESTAMP);
    }
    return b.build(out, row);
  }

  /** Whether a {@code #Fields:} line was read (before it, IIS's default fields are assumed). */
  boolean sawFields() {
    return sawFields;
  }

  /**
   * Whether {@code -} in a field of this kind leaves it unset. Headers keep their {@code -}, as in
   * the other formats: the format carries them, and this request had none.
   */
  private static boolean absentIfDash(FieldKind kind) {
    return kind != FieldKind.USER_AGENT && kind != FieldKind.REFERRER;
  }

  private static boolean set(RecordBuilder b, FieldKind kind, String line, int p, int e) {
    if (kind == FieldKind.QUERY) {
      b.query = "?" + line.substring(p, e);
      return true;
    }
    return b.set(kind, line, p, e);
  }

  /**
   * {@code yyyy-MM-dd} at {@code date} and {@code HH:mm:ss} at {@code clock} (their shapes checked
   * where they stand), UTC.
   */
  private static boolean time(RecordBuilder b, String s, int date, int clock) {
    byte[] d = ByteScan.latin1(s, date, date + 10);
    int secondOfDay = ByteTimestamp.clock(ByteScan.latin1(s, clock, clock + 8), 0);
    long local =
        ByteTimestamp.local(
            ByteFields.digits(d, 0, 4),
            ByteTimestamp.two(d, 5),
            ByteTimestamp.two(d, 8),
            secondOfDay);
    return ByteFields.zoned(local, 0, b, 0);
  }

  private void fields(String names) {
    String[] n = names.split(" +");
    kinds = new FieldKind[n.length];
    special = new int[n.length];
    for (int i = 0; i < n.length; i++) {
      special[i] = n[i].equals("date") ? DATE : n[i].equals("time") ? TIME : 0;
      kinds[i] = kindOf(n[i]);
    }
  }

  private static FieldKind kindOf(String name) {
    return switch (name) {
      case "c-ip" -> FieldKind.HOST;
      case "cs-username" -> FieldKind.USER;
      case "cs-method" -> FieldKind.METHOD;
      case "cs-uri-stem" -> FieldKind.PATH;
      case "cs-uri-query" -> FieldKind.QUERY;
      case "cs-uri" -> FieldKind.TARGET;
      case "sc-status" -> FieldKind.STATUS;
      case "sc-bytes" -> FieldKind.BYTES;
      case "time-taken" -> FieldKind.DURATION_MS;
      case "cs(User-Agent)" -> FieldKind.USER_AGENT;
      case "cs(Referer)" -> FieldKind.REFERRER;
      case "cs-host" -> FieldKind.VHOST;
      default -> FieldKind.IGNORE;
    };
  }

  @Override
  public String toString() {
    return "w3c";
  }
}
