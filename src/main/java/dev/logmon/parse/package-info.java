/**
 * Stage 2 of the pipeline: turns raw lines into {@link dev.logmon.parse.LogRecord}s or counted
 * {@link dev.logmon.parse.MalformedReason}s, one String line at a time ({@link
 * dev.logmon.parse.ClfParser}) or, for replay, a whole chunk of bytes at a time into compact rows
 * ({@link dev.logmon.parse.ChunkParser}, {@link dev.logmon.parse.ParsedLines}, filled by a {@link
 * dev.logmon.parse.RowParser}) with the same results. Depends on nothing else in logmon.
 */
package dev.logmon.parse;
