package dev.logmon.present.web;

import dev.logmon.present.report.ReportHtml;
import dev.logmon.present.report.ReportJson;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole-history report ({@code /report}, {@code /api/report}) of the newest view, rendered at
 * most once per publication. Safe for any number of threads: a race renders twice, never wrong.
 */
final class ReportCache {
  private record Entry(long version, String json, String html) {}

  private final WebPresenter presenter;
  private final InstantSource clock;
  private final AtomicReference<Entry> entry = new AtomicReference<>();

  ReportCache(WebPresenter presenter, InstantSource clock) {
    this.presenter = presenter;
    this.clock = clock;
  }

  /** The newest report as JSON, or null before the first view. */
  String json() {
    Entry e = entry();
    return e == null ? null : e.json();
  }

  /** The newest report as a page, or null before the first view. */
  String html() {
    Entry e = entry();
    return e == null ? null : e.html();
  }

  private Entry entry() {
    WebPresenter.Published p = presenter.latest();
    if (p == null) {
      return null;
    }
    Entry e = entry.get();
    if (e == null || e.version() != p.version()) {
      String json = ReportJson.of(p.view(), clock.instant());
      e = new Entry(p.version(), json, ReportHtml.of(json));
      entry.set(e);
    }
    return e;
  }
}
