/**
 * Configurable log formats for the parse stage: presets, Apache {@code LogFormat} and nginx {@code
 * log_format} strings compiled into token scanners (with a byte form, {@link
 * dev.logmon.parse.format.ByteFormat}, that fills replay rows), JSON lines, W3C extended logs, and
 * {@code auto} detection. Every parser here is a total {@link dev.logmon.parse.LineParser}.
 */
package dev.logmon.parse.format;
