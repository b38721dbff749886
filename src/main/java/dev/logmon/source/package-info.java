/**
 * Stage 1 of the pipeline: watches log files (or reads standard input) and hands their complete
 * lines over as bytes, in {@link dev.logmon.source.LineBatch}es through a bounded queue. Depends on
 * nothing else in logmon.
 */
package dev.logmon.source;
