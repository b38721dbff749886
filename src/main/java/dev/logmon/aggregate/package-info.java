/**
 * Stage 3 of the pipeline: per-second buckets of hits counted by key id, the frame, report and
 * alert windows kept as running totals over them, bounded lifetime tables, and the immutable
 * snapshots derived from them; the labelled lifetime counters behind {@code /metrics}. Depends only
 * on {@code parse}.
 */
package dev.logmon.aggregate;
