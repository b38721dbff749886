package dev.logmon.source.syslog;

import java.util.Locale;

/** Why a syslog frame (or a connection) yielded no line; each reason is counted on its own. */
public enum Rejection {
  NO_PRIORITY, // no <PRI> at the start
  BAD_PRIORITY, // priority out of range (0-191)
  BAD_HEADER, // RFC 5424 header incomplete or invalid
  BAD_STRUCTURED_DATA, // RFC 5424 structured data malformed
  EMPTY_MESSAGE, // no message after the header
  BAD_FRAME_LENGTH, // octet count not followed by a space, or too long
  FRAME_TOO_LONG, // frame longer than the message cap
  FRAME_TIMEOUT, // frame not completed within the frame timeout
  TRUNCATED_FRAME, // connection closed in the middle of a frame
  CONNECTION_REFUSED, // connection refused at the connection cap
  CONNECTION_EVICTED; // idle connection closed to make room at the cap

  /** A stable snake_case key, used in JSON and metrics. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
