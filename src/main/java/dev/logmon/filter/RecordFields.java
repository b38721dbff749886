package dev.logmon.filter;

import dev.logmon.parse.LogRecord;

/**
 * A {@link LogRecord} as filters read it, repositioned with {@link #at} so that one instance serves
 * every record a thread filters. The path is the target up to its query or fragment. Not
 * thread-safe.
 */
public final class RecordFields implements LineFields {
  private LogRecord record;

  /** This view, on {@code r}. */
  public RecordFields at(LogRecord r) {
    this.record = r;
    return this;
  }

  @Override
  public CharSequence ip() {
    return record.host();
  }

  @Override
  public int status() {
    return record.status();
  }

  @Override
  public CharSequence method() {
    return record.method();
  }

  @Override
  public CharSequence path() {
    String target = record.target();
    int end = pathEnd(target);
    return end == target.length() ? target : target.substring(0, end);
  }

  @Override
  public CharSequence section() {
    return record.section();
  }

  @Override
  public CharSequence vhost() {
    return record.vhost();
  }

  @Override
  public CharSequence agent() {
    return record.userAgent();
  }

  @Override
  public CharSequence referrer() {
    return record.referrer();
  }

  @Override
  public long bytes() {
    return record.bytes();
  }

  @Override
  public long durationMicros() {
    return record.durationMicros();
  }

  /** Where a request target's path ends: at its query ({@code ?}) or fragment ({@code #}). */
  static int pathEnd(CharSequence target) {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c == '?' || c == '#') {
        return i;
      }
    }
    return target.length();
  }
}
