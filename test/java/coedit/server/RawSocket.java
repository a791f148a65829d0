package coedit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare WebSocket for protocol tests: send raw text, take parsed messages one by one
 * (frames split on newlines), see how it closed. With {@code demand} false it reads
 * nothing until {@link #read()} is called: a slow reader.
 */
public final class RawSocket implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
  public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket ws;
  private final boolean demand;
  public volatile int frames;

  private RawSocket(URI uri, boolean demand) throws Exception {
    this(uri, demand, java.util.Map.of());
  }

  private RawSocket(URI uri, boolean demand, java.util.Map<String, String> headers) throws Exception {
    this.demand = demand;
    StringBuilder partial = new StringBuilder();
    WebSocket.Builder builder = HTTP.newWebSocketBuilder();
    headers.forEach(builder::header);
    this.ws = builder.buildAsync(uri, new WebSocket.Listener() {
      @Override
      public void onOpen(WebSocket w) {
        if (demand) w.request(1); // request(0) is illegal: no call means no demand
      }

      @Override
      public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          frames++;
          for (String line : partial.toString().split("\n")) {
            try {
              messages.add(MAPPER.readTree(line));
            } catch (Exception e) {
              messages.add(MAPPER.createObjectNode().put("type", "UNPARSEABLE").put("raw", line));
            }
          }
          partial.setLength(0);
        }
        if (RawSocket.this.demand) w.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
        closeCode.complete(code);
        return null;
      }

      @Override
      public void onError(WebSocket w, Throwable error) {
        closeCode.complete(1006);
      }
    }).get(5, TimeUnit.SECONDS);
  }

  public static RawSocket open(URI httpBase) throws Exception {
    return new RawSocket(URI.create("ws://" + httpBase.getRawAuthority() + "/api/live"), true);
  }

  /** A socket whose upgrade request carries {@code headers} (e.g. {@code Origin}). */
  public static RawSocket open(URI httpBase, java.util.Map<String, String> headers) throws Exception {
    return new RawSocket(URI.create("ws://" + httpBase.getRawAuthority() + "/api/live"), true, headers);
  }

  /** A socket that reads nothing until told to. */
  public static RawSocket slowReader(URI httpBase) throws Exception {
    return new RawSocket(URI.create("ws://" + httpBase.getRawAuthority() + "/api/live"), false);
  }

  public RawSocket send(String text) {
    ws.sendText(text, true).join();
    return this;
  }

  public RawSocket sendBinary() {
    ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
    return this;
  }

  /** Lets a slow reader read a lot. */
  public void read() {
    ws.request(Long.MAX_VALUE);
  }

  /** The next message, or an AssertionError after the timeout. */
  public JsonNode next(Duration timeout) throws InterruptedException {
    JsonNode m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (m == null) throw new AssertionError("no message within " + timeout);
    return m;
  }

  public JsonNode next() throws InterruptedException {
    return next(Duration.ofSeconds(5));
  }

  /** The next message that is not a ping. */
  public JsonNode nextNonPing() throws InterruptedException {
    while (true) {
      JsonNode m = next();
      if (!"ping".equals(m.path("type").asText())) return m;
    }
  }

  /** The next message of the given type, skipping others (pings, presence, ...). */
  public JsonNode nextOf(String type) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      JsonNode m = next(Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis())));
      if (type.equals(m.path("type").asText())) return m;
    }
    throw new AssertionError("no " + type + " message");
  }

  /** Nothing arrives (other than pings) within {@code millis}. */
  public JsonNode poll(long millis) throws InterruptedException {
    return messages.poll(millis, TimeUnit.MILLISECONDS);
  }

  public int closeCode(Duration timeout) throws Exception {
    return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public static String join(String doc, String client, Long from) {
    return "{\"type\":\"join\",\"protocol\":1,\"docId\":\"" + doc + "\",\"clientId\":\"" + client + "\",\"fromVersion\":"
        + from + ",\"name\":\"" + client + "\",\"colour\":\"#112233\"}";
  }

  /** A join carrying a bearer token. */
  public static String join(String doc, String client, Long from, String token) {
    String j = join(doc, client, from);
    return j.substring(0, j.length() - 1) + ",\"token\":\"" + token + "\"}";
  }

  public static String submit(long seq, long version, String editsJson) {
    return "{\"type\":\"submit\",\"seq\":" + seq + ",\"version\":" + version + ",\"edits\":" + editsJson + "}";
  }

  public static String ins(int offset, String text) {
    return "[{\"type\":\"insert\",\"offset\":" + offset + ",\"text\":\"" + text + "\"}]";
  }

  @Override
  public void close() {
    ws.abort();
  }
}
