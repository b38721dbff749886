package dev.logmon.aggregate;

/**
 * Hits of one section in a window.
 *
 * @param share hits of this section divided by all hits of the window
 * @param serverErrors hits of this section answered with a 5xx status
 */
public record SectionStat(String section, long hits, double share, long serverErrors) {}
