package dev.logmon.pipeline;

import dev.logmon.present.SourceView;
import dev.logmon.source.SourceStatus;
import java.util.Locale;

/** Maps the source stage's status records to what presenters show. */
final class SourceViews {
  private SourceViews() {}

  static SourceView of(SourceStatus s) {
    return new SourceView(
        s.name(),
        s.state().name().toLowerCase(Locale.ROOT),
        s.lines(),
        s.bytes(),
        s.rotations(),
        s.truncations(),
        s.oversizeLines(),
        s.readErrors(),
        s.lastError(),
        0,
        s.dropped(),
        s.lag() == SourceStatus.NO_LAG ? SourceView.NO_LAG : s.lag(),
        s.rejected());
  }
}
