package dev.logmon.present.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * The server-sent event stream at {@code /events}: one {@code snapshot} event with the newest
 * snapshot document whenever a new view is published, and a comment every few seconds otherwise so
 * a vanished browser is noticed.
 *
 * <p>Each browser is served by its own server thread that polls {@link WebPresenter#version()};
 * polling keeps the pipeline thread free of locks and wake-ups, and a slow browser delays only
 * itself. The number of streams is capped, since each holds a thread.
 */
final class EventStream {
  /** Streams served at once; more get 503 and the browser retries. */
  static final int MAX_STREAMS = 32;

  private static final long POLL_MILLIS = 200;
  private static final long KEEPALIVE_MILLIS = 5_000;

  private final WebPresenter presenter;
  private final SnapshotCache cache;
  private final BooleanSupplier stopped;
  private final Semaphore slots = new Semaphore(MAX_STREAMS);

  EventStream(WebPresenter presenter, SnapshotCache cache, BooleanSupplier stopped) {
    this.presenter = presenter;
    this.cache = cache;
    this.stopped = stopped;
  }

  /** Whether another stream can be served now; {@link #serve} then releases the slot. */
  boolean tryAcquire() {
    return slots.tryAcquire();
  }

  /** Streams events until the browser goes away or the server stops; headers are sent here. */
  void serve(HttpExchange ex) throws IOException {
    try (OutputStream out = ex.getResponseBody()) {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      ex.sendResponseHeaders(200, 0);
      // A short retry so the page reconnects within a second or two after a restart.
      write(out, "retry: 1000\n\n");
      long seen = 0;
      long quietSince = System.nanoTime();
      while (!stopped.getAsBoolean()) {
        long version = presenter.version();
        if (version != seen) {
          seen = version;
          write(out, "event: snapshot\ndata: " + cache.json() + "\n\n");
          quietSince = System.nanoTime();
        } else if (System.nanoTime() - quietSince > KEEPALIVE_MILLIS * 1_000_000) {
          write(out, ": keep-alive\n\n");
          quietSince = System.nanoTime();
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The browser went away; nothing to do.
    } finally {
      slots.release();
      ex.close();
    }
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
