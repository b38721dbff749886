package dev.logmon.present.web;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The snapshot document of the newest view, rendered at most once per publication however many
 * browsers and API clients ask. Safe for any number of threads: a race renders twice, never wrong.
 */
final class SnapshotCache {
  private record Entry(long version, String json) {}

  private final WebPresenter presenter;
  private final AtomicReference<Entry> entry = new AtomicReference<>();

  SnapshotCache(WebPresenter presenter) {
    this.presenter = presenter;
  }

  /** The newest snapshot document, or null before the first view. */
  String json() {
    WebPresenter.Published p = presenter.latest();
    if (p == null) {
      return null;
    }
    Entry e = entry.get();
    if (e == null || e.version() != p.version()) {
      e = new Entry(p.version(), WebJson.snapshot(p.view(), p.finished()));
      entry.set(e);
    }
    return e.json();
  }
}
