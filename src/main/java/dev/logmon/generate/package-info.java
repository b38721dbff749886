/**
 * Synthetic traffic: writes realistic Combined Log Format lines to a file in real time, at a rate
 * that can spike above an alert threshold and fall back, for {@code logmon generate} and {@code
 * logmon --demo}. Depends on nothing else in logmon.
 */
package dev.logmon.generate;
