/**
 * The terminal dashboard: a full-screen Lanterna view of the latest {@code MonitorView}, drawn on
 * its own thread. Drawing is a pure function of the view, the terminal size and the user's {@code
 * DashboardState}, so tests render it on Lanterna's virtual terminal.
 */
package dev.logmon.present.tui;
