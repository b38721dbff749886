package dev.logmon.filter;

import java.util.Locale;

/** A field of a log line that a filter expression can test, with the kind of value it holds. */
public enum Field {
  IP(Kind.ADDRESS),
  STATUS(Kind.NUMBER),
  METHOD(Kind.TEXT),
  PATH(Kind.TEXT),
  SECTION(Kind.TEXT),
  VHOST(Kind.TEXT),
  AGENT(Kind.TEXT),
  REFERRER(Kind.TEXT),
  BYTES(Kind.NUMBER),
  DURATION(Kind.DURATION);

  /** What a field's values are, which decides the operators and literals it takes. */
  public enum Kind {
    /** Text, compared exactly or by regular expression. */
    TEXT,
    /** A client address: text, and also compared as an IPv4/IPv6 address or CIDR block. */
    ADDRESS,
    /** A whole number (status, bytes). */
    NUMBER,
    /** A request duration, written with a unit ({@code 250ms}, {@code 1.5s}, {@code 800us}). */
    DURATION
  }

  private final Kind kind;

  Field(Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether the field is compared as text (also by {@code ~}). */
  public boolean isText() {
    return kind == Kind.TEXT || kind == Kind.ADDRESS;
  }

  /** The name used in expressions, e.g. {@code status}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The field called {@code key} in expressions, or null. */
  public static Field named(String key) {
    for (Field f : values()) {
      if (f.key().equals(key)) {
        return f;
      }
    }
    return null;
  }
}
