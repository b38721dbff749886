package dev.logmon.cli;

import dev.logmon.present.web.WebAddress;
import dev.logmon.source.LogSource;
import dev.logmon.source.TailOptions;
import dev.logmon.source.syslog.SyslogLimits;
import dev.logmon.source.syslog.SyslogReceiver;
import java.io.IOException;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** The syslog input's option, mixed into {@link LogmonCommand}, and the receiver it opens. */
final class SyslogOptions {
  @Option(
      names = "--syslog",
      paramLabel = "[HOST:]PORT",
      converter = WebOptions.AddressConverter.class,
      description =
          "Also receive access-log lines as syslog messages on this address, UDP and TCP (host"
              + " 127.0.0.1 unless given): RFC 5424 or RFC 3164, TCP octet-counted or one per line,"
              + " as nginx's access_log syslog:server=..., logger and rsyslog send them. Each"
              + " sending host is a source, and the vhost of lines whose format has none.")
  WebAddress address;

  boolean enabled() {
    return address != null;
  }

  /** Binds the receiver's sockets and returns its watcher; notes where it listens. */
  LogSource open(int maxLineBytes, Consumer<String> note) throws IOException {
    SyslogReceiver receiver;
    try {
      receiver =
          SyslogReceiver.open(
              address.resolve(),
              maxLineBytes,
              TailOptions.DEFAULT_MAX_BATCH_LINES,
              SyslogLimits.DEFAULT,
              System::nanoTime,
              note);
    } catch (IOException e) {
      throw new IOException(
          "cannot receive --syslog "
              + address.host()
              + ":"
              + address.port()
              + ": "
              + e.getMessage(),
          e);
    }
    if (!address.loopback()) {
      note.accept(
          "warning: the syslog input listens on "
              + address.host()
              + ", reachable from other machines; any of them can send lines, naming any host");
    }
    String at = receiver.name().substring("syslog:".length());
    note.accept("syslog: receiving on udp and tcp " + at);
    return receiver;
  }
}
