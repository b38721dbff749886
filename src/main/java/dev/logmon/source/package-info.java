/**
 * Stage 1 of the pipeline: watches log files and hands their lines over in {@link
 * dev.logmon.source.LineBatch}es through a bounded queue. Depends on nothing else in logmon.
 */
package dev.logmon.source;
