package dev.logmon.aggregate;

/** A key and how many hits had it (a method, a status code). */
public record Count(String key, long count) {}
