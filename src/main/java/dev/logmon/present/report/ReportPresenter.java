package dev.logmon.present.report;

import dev.logmon.alert.AlertEvent;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Writes the {@code --report} file: with the summary (the end of a replay, the exit of a follow
 * run), and during a run every {@code every} seconds of the views' time. The kind follows the file
 * name: {@code .html} or {@code .json}. A failed write is noted (once per kind of error) and tried
 * again at the next; it never stops the run.
 */
public final class ReportPresenter implements Presenter {
  private final Path file;
  private final boolean html;
  private final long everySeconds;
  private final InstantSource clock;
  private final Consumer<String> notes;
  private long lastWritten = Long.MIN_VALUE;
  private String lastError;

  /**
   * @param everySeconds how often to write during the run, 0 for only at the end
   * @param clock the wall clock, for the report's "generated" time only
   */
  public ReportPresenter(
      Path file, long everySeconds, InstantSource clock, Consumer<String> notes) {
    this.file = file;
    this.html = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html");
    this.everySeconds = everySeconds;
    this.clock = clock;
    this.notes = notes;
  }

  /** Why {@code file} cannot be a report, or null if it can. */
  public static String invalid(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".html") || lower.endsWith(".json")
        ? null
        : "--report: the file name must end in .html or .json: " + file;
  }

  @Override
  public void report(MonitorView view) {
    if (everySeconds <= 0) {
      return;
    }
    long now = view.traffic().time().getEpochSecond();
    if (lastWritten == Long.MIN_VALUE) {
      lastWritten = now; // the first interval starts with the first report
    } else if (now - lastWritten >= everySeconds) {
      lastWritten = now;
      write(view);
    }
  }

  @Override
  public void alert(AlertEvent event, MonitorView view) {}

  @Override
  public void summary(MonitorView view) {
    write(view);
  }

  /** The report's text for {@code view}. */
  String render(MonitorView view) {
    String json = ReportJson.of(view, clock.instant());
    return html ? ReportHtml.of(json) : json + "\n";
  }

  private void write(MonitorView view) {
    try {
      ReportFile.write(file, render(view), true);
      lastError = null;
    } catch (IOException e) {
      String kind = e.getClass().getName();
      if (!kind.equals(lastError)) {
        notes.accept("cannot write report " + file + ": " + e.getMessage());
        lastError = kind;
      }
    }
  }
}
