/**
 * Stage 2 of the pipeline: turns raw lines into {@link dev.logmon.parse.LogRecord}s or counted
 * {@link dev.logmon.parse.MalformedReason}s. Depends on nothing else in logmon.
 */
package dev.logmon.parse;
