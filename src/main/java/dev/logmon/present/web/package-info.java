/**
 * The web presenter: an in-process HTTP server (the JDK's {@code com.sun.net.httpserver}) with a
 * live dashboard fed by server-sent events, a JSON API and Prometheus metrics. It reads only the
 * last published {@link dev.logmon.present.MonitorView}; log text reaches the page only as JSON
 * data rendered with {@code textContent}.
 */
package dev.logmon.present.web;
