package dev.logmon.aggregate;

/** Bytes sent to, and hits from, one client in a window. */
public record HostStat(String host, long bytes, long hits) {}
