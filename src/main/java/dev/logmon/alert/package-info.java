/**
 * Stage 4 of the pipeline: decides, second by second, when traffic crosses the alert threshold and
 * back. Depends on nothing else in logmon: it is fed window rates by the pipeline.
 */
package dev.logmon.alert;
