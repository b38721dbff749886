package dev.logmon.present.web;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A document rendered from the newest view, at most once per publication however many browsers and
 * API clients ask. Safe for any number of threads: a race renders twice, never wrong.
 */
final class RenderCache<T> {
  private record Entry<T>(long version, T value) {}

  private final WebPresenter presenter;
  private final Function<WebPresenter.Published, T> render;
  private final AtomicReference<Entry<T>> entry = new AtomicReference<>();

  RenderCache(WebPresenter presenter, Function<WebPresenter.Published, T> render) {
    this.presenter = presenter;
    this.render = render;
  }

  /** The document of the newest view, or null before the first view. */
  T get() {
    WebPresenter.Published p = presenter.latest();
    if (p == null) {
      return null;
    }
    Entry<T> e = entry.get();
    if (e == null || e.version() != p.version()) {
      e = new Entry<>(p.version(), render.apply(p));
      entry.set(e);
    }
    return e.value();
  }
}
