/**
 * Stage 3 of the pipeline: per-second buckets of parsed records, and the immutable snapshots of
 * windows and lifetime totals derived from them. Depends only on {@code parse}.
 */
package dev.logmon.aggregate;
