package dev.logmon.cli;

import dev.logmon.present.JsonPresenter;
import dev.logmon.present.PlainPresenter;
import dev.logmon.present.Presenter;
import java.io.PrintStream;
import java.util.function.Function;

/** The line-oriented output formats, by name; adding one is one constant. */
enum OutputFormat {
  plain(PlainPresenter::new),
  json(JsonPresenter::new);

  private final Function<PrintStream, Presenter> factory;

  OutputFormat(Function<PrintStream, Presenter> factory) {
    this.factory = factory;
  }

  Presenter create(PrintStream out) {
    return factory.apply(out);
  }
}
