package dev.logmon.cli;

import dev.logmon.present.JsonPresenter;
import dev.logmon.present.PlainPresenter;
import dev.logmon.present.Presenter;
import dev.logmon.present.tui.TerminalDashboard;
import java.io.PrintStream;
import java.util.function.Function;

/** The output formats, by name; adding one is one constant. */
enum OutputFormat {
  /** The dashboard when standard output is a terminal (keys come from it too), plain otherwise. */
  auto(out -> detect().create(out), false),
  plain(PlainPresenter::new, false),
  json(JsonPresenter::new, false),
  tui(TerminalDashboard::open, true);

  private final Function<PrintStream, Presenter> factory;
  private final boolean live;

  OutputFormat(Function<PrintStream, Presenter> factory, boolean live) {
    this.factory = factory;
    this.live = live;
  }

  Presenter create(PrintStream out) {
    return factory.apply(out);
  }

  /** The concrete format: {@code auto} decided for this process's terminal, the others as is. */
  OutputFormat resolve() {
    return this == auto ? detect() : this;
  }

  /** Whether the format shows a live view that wants a fresh snapshot every second. */
  boolean live() {
    return live;
  }

  /** Whether this format can run in this process (the dashboard needs a terminal). */
  boolean usable() {
    return this != tui || TerminalDashboard.available();
  }

  private static OutputFormat detect() {
    return TerminalDashboard.available() ? tui : plain;
  }
}
