package dev.logmon.present.web;

import dev.logmon.alert.AlertEvent;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The presenter behind the web server: it only remembers the newest view.
 *
 * <p>Thread-safety: the pipeline thread calls the presenter methods, which do one volatile write
 * each and never block; the server's threads read {@link #latest()} and poll {@link #version()} to
 * notice a change, so a slow browser can never hold up the pipeline.
 */
public final class WebPresenter implements Presenter {
  /** A view and a number that grows with every publication, to spot changes cheaply. */
  public record Published(long version, MonitorView view, boolean finished) {}

  private final AtomicReference<Published> latest = new AtomicReference<>();

  @Override
  public void report(MonitorView view) {
    publish(view, false);
  }

  @Override
  public void alert(AlertEvent event, MonitorView view) {
    publish(view, false);
  }

  @Override
  public void summary(MonitorView view) {
    publish(view, true);
  }

  @Override
  public void tick(MonitorView view) {
    publish(view, false);
  }

  private void publish(MonitorView view, boolean finished) {
    Published before = latest.get();
    long version = before == null ? 1 : before.version() + 1;
    // Only the pipeline thread writes, so a plain set after the read cannot lose an update.
    latest.set(new Published(version, view, finished || (before != null && before.finished())));
  }

  /** The newest publication, or null before the first. */
  public Published latest() {
    return latest.get();
  }

  /** The newest publication's version, 0 before the first. */
  public long version() {
    Published p = latest.get();
    return p == null ? 0 : p.version();
  }
}
