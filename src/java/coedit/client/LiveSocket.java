package coedit.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection of the Java client, over {@code java.net.http}: reassembles
 * fragmented text, splits frames into newline-separated messages, serialises sends (the
 * JDK allows one outstanding send at a time) and reports the end exactly once.
 */
final class LiveSocket {
  /** What the socket reports; calls come one at a time. */
  interface Handler {
    /** The messages of one frame, in order (never empty). */
    void onMessages(LiveSocket socket, List<String> messages);

    void onClosed(LiveSocket socket, int code, String reason);
  }

  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

  private final Handler handler;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile WebSocket ws;
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

  private LiveSocket(Handler handler) {
    this.handler = handler;
  }

  /** Opens a connection; the future fails if the server cannot be reached. */
  static CompletableFuture<LiveSocket> open(HttpClient http, URI uri, Handler handler) {
    LiveSocket s = new LiveSocket(handler);
    return http.newWebSocketBuilder().connectTimeout(HANDSHAKE_TIMEOUT).buildAsync(uri, s.listener())
        .orTimeout(HANDSHAKE_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS) // a server stopping mid-handshake
        .thenApply(ws -> {
          s.ws = ws;
          return s;
        });
  }

  /** Queues a message; failures surface as the socket closing. */
  synchronized void send(String message) {
    WebSocket w = ws;
    if (w == null || ended.get()) return;
    sending = sending.thenCompose(x -> w.sendText(message, true)).exceptionally(t -> {
      abort();
      return null;
    });
  }

  /** True once the connection has ended (and the handler was told, or is being told). */
  boolean ended() {
    return ended.get();
  }

  /** Closes with 1000 (the session is done). */
  void close() {
    WebSocket w = ws;
    if (w != null) w.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(t -> null);
    end(1000, "closed by client");
  }

  /** Drops the connection at once (dead peer, or a test cutting the network). */
  void abort() {
    WebSocket w = ws;
    if (w != null) w.abort();
    end(1006, "aborted by client");
  }

  private void end(int code, String reason) {
    if (ended.compareAndSet(false, true)) handler.onClosed(this, code, reason);
  }

  private WebSocket.Listener listener() {
    return new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        if (!last) {
          partial.append(data);
        } else {
          // A whole frame (the usual case) is copied once, not through the builder.
          String frame = partial.length() == 0 ? data.toString() : partial.append(data).toString();
          partial.setLength(0);
          // One call per frame, so the session can integrate a run of entries at once.
          List<String> messages = new ArrayList<>();
          int start = 0;
          while (start <= frame.length()) {
            int end = frame.indexOf('\n', start);
            if (end < 0) end = frame.length();
            if (end > start) messages.add(frame.substring(start, end));
            start = end + 1;
          }
          if (!messages.isEmpty() && !ended.get()) handler.onMessages(LiveSocket.this, messages);
        }
        w.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
        w.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
        end(code, reason);
        return null;
      }

      @Override
      public void onError(WebSocket w, Throwable error) {
        end(1006, String.valueOf(error.getMessage()));
      }
    };
  }
}
