package dev.logmon.filter;

/**
 * A log line's fields for filter tests; {@link #viewed()} hands its text out as non-String views.
 */
record TestLine(
    String ip,
    int status,
    String method,
    String path,
    String section,
    String vhost,
    String agent,
    String referrer,
    long bytes,
    long durationMicros)
    implements LineFields {

  static TestLine of(String ip, int status, String method, String path) {
    int slash = path.indexOf('/', 1);
    String section = slash < 0 ? path : path.substring(0, slash);
    return new TestLine(ip, status, method, path, section, null, null, null, 0, -1);
  }

  TestLine agent(String a) {
    return new TestLine(
        ip, status, method, path, section, vhost, a, referrer, bytes, durationMicros);
  }

  TestLine referrer(String r) {
    return new TestLine(ip, status, method, path, section, vhost, agent, r, bytes, durationMicros);
  }

  TestLine vhost(String v) {
    return new TestLine(
        ip, status, method, path, section, v, agent, referrer, bytes, durationMicros);
  }

  TestLine bytes(long b) {
    return new TestLine(
        ip, status, method, path, section, vhost, agent, referrer, b, durationMicros);
  }

  TestLine micros(long d) {
    return new TestLine(ip, status, method, path, section, vhost, agent, referrer, bytes, d);
  }

  /** The same line whose text fields are views that are not Strings, as a row over bytes is. */
  LineFields viewed() {
    TestLine self = this;
    return new LineFields() {
      @Override
      public CharSequence ip() {
        return view(self.ip);
      }

      @Override
      public int status() {
        return self.status;
      }

      @Override
      public CharSequence method() {
        return view(self.method);
      }

      @Override
      public CharSequence path() {
        return view(self.path);
      }

      @Override
      public CharSequence section() {
        return view(self.section);
      }

      @Override
      public CharSequence vhost() {
        return view(self.vhost);
      }

      @Override
      public CharSequence agent() {
        return view(self.agent);
      }

      @Override
      public CharSequence referrer() {
        return view(self.referrer);
      }

      @Override
      public long bytes() {
        return self.bytes;
      }

      @Override
      public long durationMicros() {
        return self.durationMicros;
      }
    };
  }

  @SuppressWarnings("UnnecessaryStringBuilder") // a CharSequence that is not a String
  private static CharSequence view(String s) {
    return s == null ? null : new StringBuilder(s);
  }
}
