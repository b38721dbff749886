package dev.logmon.source.syslog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link TcpFramer.Frames} that writes down what it is given, for assertions. */
final class FrameLog implements TcpFramer.Frames {
  final List<String> events = new ArrayList<>();

  @Override
  public void frame(byte[] b, int off, int len) {
    events.add(new String(b, off, len, StandardCharsets.ISO_8859_1));
  }

  @Override
  public void rejected(Rejection reason) {
    events.add("!" + reason.key());
  }
}
