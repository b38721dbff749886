/**
 * Configurable log formats for the parse stage, each a {@link dev.logmon.parse.RowParser}: presets,
 * Apache {@code LogFormat} and nginx {@code log_format} strings compiled into a byte scanner
 * ({@link dev.logmon.parse.format.ByteFormat}), JSON lines, W3C extended logs (read as text), and
 * {@code auto} detection.
 */
package dev.logmon.parse.format;
