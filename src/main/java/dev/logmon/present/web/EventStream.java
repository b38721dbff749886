package dev.logmon.present.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server-sent event streams at {@code /events}: one {@code snapshot} event with the newest
 * snapshot document whenever a new view is published, and a comment every few seconds otherwise so
 * a vanished browser is noticed.
 *
 * <p>No stream holds a thread: the server's timer calls {@link #tick} a few times a second, which
 * compares {@link WebPresenter#version()} with what each stream has sent and starts a non-blocking
 * write where needed; a stream whose previous write is still pending (a slow browser) is skipped
 * and later gets the newest snapshot, never a backlog. The document is rendered and encoded once
 * per version however many streams there are. The number of streams is capped, since each holds a
 * connection.
 *
 * <p>Thread-safety: handler threads open streams, the timer thread ticks, write completions and
 * failures arrive on Jetty's threads; a stream's fields are owned by the timer thread except the
 * write flag, which is atomic.
 */
final class EventStream {
  static final long TICK_MILLIS = 200;
  private static final long MAX_KEEPALIVE_NANOS = 5_000_000_000L;
  private static final byte[] HELLO =
      // A short retry so the page reconnects within a second or two after a restart.
      "retry: 1000\n\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] KEEPALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

  private static final class Stream {
    final Response response;
    final Callback done;
    final AtomicBoolean writing = new AtomicBoolean();
    volatile long lastWrite;
    long seen;

    Stream(Response response, Callback done) {
      this.response = response;
      this.done = done;
    }
  }

  private final WebPresenter presenter;
  private final RenderCache<String> cache;
  private final LongSupplier nanoClock;
  private final Semaphore slots;
  private final long keepaliveNanos;
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();

  /**
   * @param ioTimeout how long the server lets a connection go without traffic; keep-alive comments
   *     come well within it (every 5 s at most)
   */
  EventStream(
      WebPresenter presenter,
      RenderCache<String> cache,
      int maxStreams,
      java.time.Duration ioTimeout,
      LongSupplier nanoClock) {
    this.presenter = presenter;
    this.keepaliveNanos = Math.min(MAX_KEEPALIVE_NANOS, ioTimeout.toNanos() / 3);
    this.cache = cache;
    this.nanoClock = nanoClock;
    this.slots = new Semaphore(maxStreams);
  }

  /**
   * Starts a stream on this response, to be completed through {@code callback} when it ends; false
   * (and nothing sent) when the cap is reached.
   */
  boolean open(Request request, Response response, Callback callback) {
    if (!slots.tryAcquire()) {
      return false;
    }
    Stream s = new Stream(response, callback);
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    request.addFailureListener(x -> end(s, x));
    streams.add(s);
    write(s, HELLO);
    return true;
  }

  /** Sends each idle stream the newest snapshot, or a keep-alive comment when it is due. */
  void tick() {
    long version = presenter.version();
    long now = nanoClock.getAsLong();
    byte[] event = null;
    for (Stream s : streams) {
      if (s.writing.get()) {
        continue;
      }
      if (s.seen != version) {
        if (event == null) {
          event =
              ("event: snapshot\ndata: " + cache.get() + "\n\n").getBytes(StandardCharsets.UTF_8);
        }
        s.seen = version;
        write(s, event);
      } else if (now - s.lastWrite > keepaliveNanos) {
        write(s, KEEPALIVE);
      }
    }
  }

  /** Streams open now. */
  int openCount() {
    return streams.size();
  }

  /** Ends every stream (the server is stopping). */
  void close() {
    streams.forEach(s -> end(s, null));
  }

  private void write(Stream s, byte[] bytes) {
    s.writing.set(true);
    s.lastWrite = nanoClock.getAsLong();
    s.response.write(
        false, ByteBuffer.wrap(bytes), Callback.from(() -> s.writing.set(false), x -> end(s, x)));
  }

  private void end(Stream s, Throwable failure) {
    if (streams.remove(s)) {
      slots.release();
      if (failure == null) {
        s.done.succeeded();
      } else {
        s.done.failed(failure);
      }
    }
  }
}
