package dev.logmon.aggregate;

import java.util.List;
import java.util.Objects;

/**
 * The breakdowns of every hit counted since logmon started (filtered lines left out), as presenters
 * read them. Immutable.
 *
 * @param paths top request paths, the target without its query or fragment
 * @param notFoundPaths top paths answered 404
 * @param serverErrorPaths top paths answered 5xx
 * @param statuses hits by status code, most first, every code seen (exact: at most 900 codes)
 * @param agents hits by user-agent family (a browser, a tool, or a robot as the crawler list names
 *     it; exact: families are bounded by the list)
 * @param referrers top referring sites, by the host of the Referer header
 * @param vhostSections top sections per virtual host, keyed {@code vhost + section} ( {@code
 *     shop.example.com/api}), for formats that log the virtual host
 */
public record BreakdownSnapshot(
    BreakdownTable paths,
    BreakdownTable notFoundPaths,
    BreakdownTable serverErrorPaths,
    BreakdownTable statuses,
    BreakdownTable agents,
    BreakdownTable referrers,
    BreakdownTable vhostSections) {
  /** No breakdowns (counting them is off). */
  public static final BreakdownSnapshot NONE =
      new BreakdownSnapshot(
          BreakdownTable.EMPTY,
          BreakdownTable.EMPTY,
          BreakdownTable.EMPTY,
          BreakdownTable.EMPTY,
          BreakdownTable.EMPTY,
          BreakdownTable.EMPTY,
          BreakdownTable.EMPTY);

  /** Whether this is {@link #NONE}: breakdowns are not counted (not merely empty). */
  @SuppressWarnings("ReferenceEquality") // NONE is a marker: empty tables are not the same
  public boolean counted() {
    return this != NONE;
  }

  /** Every table, in the order the outputs show them (the order of the components). */
  public List<BreakdownTable> tables() {
    return List.of(
        paths, notFoundPaths, serverErrorPaths, statuses, agents, referrers, vhostSections);
  }

  public BreakdownSnapshot {
    Objects.requireNonNull(paths, "paths");
    Objects.requireNonNull(notFoundPaths, "notFoundPaths");
    Objects.requireNonNull(serverErrorPaths, "serverErrorPaths");
    Objects.requireNonNull(statuses, "statuses");
    Objects.requireNonNull(agents, "agents");
    Objects.requireNonNull(referrers, "referrers");
    Objects.requireNonNull(vhostSections, "vhostSections");
  }
}
