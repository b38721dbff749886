package dev.logmon.source.syslog;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** What one syslog frame gave: a message (its sending host and where its line lies) or a reason. */
public sealed interface SyslogFrame {

  /**
   * A frame that carries a line.
   *
   * @param host the host the frame names, lowercase, or null when it names none (the sender's
   *     address stands in for it)
   * @param from where the line starts in the parsed buffer
   * @param to where the line ends (exclusive), trailing newlines and NULs removed
   */
  record Message(String host, int from, int to) implements SyslogFrame {
    public Message {
      if (from < 0 || to <= from) {
        throw new IllegalArgumentException("empty or negative range: " + from + ".." + to);
      }
    }
  }

  /** A frame that carries no line, with why. */
  record Rejected(Rejection reason) implements SyslogFrame {
    private static final Map<Rejection, Rejected> ALL = new EnumMap<>(Rejection.class);

    static {
      for (Rejection r : Rejection.values()) {
        ALL.put(r, new Rejected(r));
      }
    }

    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }

    /** The one instance for {@code reason}, so rejecting allocates nothing. */
    public static Rejected of(Rejection reason) {
      return ALL.get(reason);
    }
  }
}
