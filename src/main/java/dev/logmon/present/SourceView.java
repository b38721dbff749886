package dev.logmon.present;

/**
 * What a presenter shows of one watched source.
 *
 * @param state a short word: following, waiting, rotated, error, done
 * @param detail the last error or note, or null
 */
public record SourceView(
    String name,
    String state,
    long lines,
    long bytes,
    long rotations,
    long truncations,
    long oversizeLines,
    long readErrors,
    String detail) {}
