/**
 * Stage 2 of the pipeline: turns bytes into rows. {@link dev.logmon.parse.ChunkParser} splits a
 * chunk (a replay's, or a followed source's batch) into lines and hands each to the format's {@link
 * dev.logmon.parse.RowParser}, which fills one row of {@link dev.logmon.parse.ParsedLines} (the
 * built-in Common/Combined grammar, {@link dev.logmon.parse.ByteClfParser}) or stores a whole
 * {@link dev.logmon.parse.LogRecord} (formats read as text: JSON, W3C); a malformed line gets a
 * {@link dev.logmon.parse.MalformedReason}. Depends on nothing else in logmon.
 */
package dev.logmon.parse;
