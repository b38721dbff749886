package dev.logmon.aggregate;

import java.util.List;
import java.util.Map;

/**
 * What {@code --persist} keeps of the {@link Breakdowns}: each frequent-items sketch in its own
 * serialised form (DataSketches' {@code ItemsSketch} with its string serDe), base64 text, and the
 * exact tables as rows. Bounded: a sketch holds at most 768 keys of at most 256 characters, so a
 * sketch's text is at most about 800 KB, the exact tables at most 900 status codes and the agent
 * families. Immutable; {@link Breakdowns#check} says whether a state read from a file can be used.
 *
 * @param sketches base64 of each sketch by table name ({@code paths}, {@code not_found_paths},
 *     {@code server_error_paths}, {@code referrers}, {@code vhost_sections})
 * @param statuses hits by status code
 * @param agents hits by user-agent family
 */
public record BreakdownState(
    Map<String, String> sketches, List<Count> statuses, List<Count> agents) {
  /** No breakdowns kept (they were off, or the file predates them). */
  public static final BreakdownState NONE = new BreakdownState(Map.of(), List.of(), List.of());

  public BreakdownState {
    sketches = Map.copyOf(sketches);
    statuses = List.copyOf(statuses);
    agents = List.copyOf(agents);
  }
}
