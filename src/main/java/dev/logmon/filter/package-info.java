/**
 * The filter language of {@code --include} and {@code --exclude}: expressions over one line's
 * fields ({@link dev.logmon.filter.FilterParser} to an {@link dev.logmon.filter.Expr}), compiled
 * into {@link dev.logmon.filter.LineTest}s that read a line through {@link
 * dev.logmon.filter.LineFields}, and the {@link dev.logmon.filter.Filters} that decide per line
 * whether it counts and, if not, which rule left it out. Depends on {@code agent} (for {@code
 * --ignore-crawlers}) and on {@code parse} for views of its values ({@link
 * dev.logmon.filter.RecordFields}, {@link dev.logmon.filter.RowFields}).
 */
package dev.logmon.filter;
