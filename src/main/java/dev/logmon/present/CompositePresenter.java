package dev.logmon.present;

import dev.logmon.alert.AlertEvent;
import java.util.List;

/**
 * A presenter that hands every call to several others in order, so that, for example, the web
 * dashboard runs beside the plain or JSON output.
 */
public final class CompositePresenter implements Presenter {
  private final List<Presenter> presenters;

  public CompositePresenter(List<Presenter> presenters) {
    this.presenters = List.copyOf(presenters);
  }

  @Override
  public void report(MonitorView view) {
    presenters.forEach(p -> p.report(view));
  }

  @Override
  public void alert(AlertEvent event, MonitorView view) {
    presenters.forEach(p -> p.alert(event, view));
  }

  @Override
  public void summary(MonitorView view) {
    presenters.forEach(p -> p.summary(view));
  }

  @Override
  public void tick(MonitorView view) {
    presenters.forEach(p -> p.tick(view));
  }

  /** Taken by the first presenter that shows notes itself (a full-screen dashboard). */
  @Override
  public boolean note(String message) {
    for (Presenter p : presenters) {
      if (p.note(message)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void onQuit(Runnable quit) {
    presenters.forEach(p -> p.onQuit(quit));
  }

  @Override
  public void awaitDismissal() throws InterruptedException {
    for (Presenter p : presenters) {
      p.awaitDismissal();
    }
  }

  @Override
  public void close() {
    presenters.forEach(Presenter::close);
  }
}
