package dev.logmon.pipeline;

/**
 * How a {@link Monitor} runs.
 *
 * @param replay whether time is driven only by log timestamps (no wall clock)
 * @param intervalSeconds seconds between reports
 * @param windowSeconds the alert window
 * @param showMalformed how many malformed lines to quote on stderr before only counting them
 * @param publishEverySecond whether to build a snapshot for live views every second
 */
public record MonitorConfig(
    boolean replay,
    int intervalSeconds,
    int windowSeconds,
    int showMalformed,
    boolean publishEverySecond) {}
