/**
 * The web presenter: an in-process HTTP server (embedded Jetty, with fixed threads and bounded
 * connections: {@link dev.logmon.present.web.WebLimits}) with a live dashboard fed by server-sent
 * events, a JSON API and Prometheus metrics. It reads only the last published {@link
 * dev.logmon.present.MonitorView}; log text reaches the page only as JSON data rendered with {@code
 * textContent}, and only requests naming an accepted Host are answered ({@link
 * dev.logmon.present.web.HostRule}).
 */
package dev.logmon.present.web;
