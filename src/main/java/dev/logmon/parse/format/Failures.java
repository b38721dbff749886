package dev.logmon.parse.format;

import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParseResult;
import java.util.EnumMap;
import java.util.Map;

/** One shared {@link ParseResult.Malformed} per reason, so that failing lines allocate nothing. */
final class Failures {
  private static final Map<MalformedReason, ParseResult> SHARED =
      new EnumMap<>(MalformedReason.class);

  static {
    for (MalformedReason r : MalformedReason.values()) {
      SHARED.put(r, new ParseResult.Malformed(r));
    }
  }

  private Failures() {}

  static ParseResult of(MalformedReason reason) {
    return SHARED.get(reason);
  }
}
