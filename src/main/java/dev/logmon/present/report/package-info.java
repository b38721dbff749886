/**
 * {@code --report}: the run's whole history as one self-contained file, JSON (the source of truth)
 * or HTML (the same JSON embedded and drawn by inline script), written atomically.
 */
package dev.logmon.present.report;
