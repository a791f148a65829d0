package coedit.engine.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The record headers the runtime adds to depot records. A client append carries its
 * appender's endpoint and request id, so the owner can answer it; the runtime's own barrier
 * records carry a kind and a nonce and are never shown to processors.
 */
final class Headers {

  static final String FROM = "coedit.from";
  static final String REQUEST = "coedit.req";
  static final String BARRIER = "coedit.barrier";

  /** A barrier a new owner appends to learn it has processed everything before it. */
  static final byte GATE = 1;
  /** A barrier {@code awaitProcessed} appends and waits to see committed. */
  static final byte SYNC = 2;

  private Headers() {}

  static RecordHeaders append(String from, long requestId) {
    RecordHeaders h = new RecordHeaders();
    h.add(FROM, from.getBytes(StandardCharsets.UTF_8));
    h.add(REQUEST, ByteBuffer.allocate(8).putLong(requestId).array());
    return h;
  }

  static RecordHeaders barrier(byte kind, long nonce) {
    RecordHeaders h = new RecordHeaders();
    h.add(BARRIER, ByteBuffer.allocate(9).put(kind).putLong(nonce).array());
    return h;
  }

  /** The appender's endpoint, or null for records without one (processor appends). */
  static String from(org.apache.kafka.common.header.Headers h) {
    Header f = h.lastHeader(FROM);
    return f == null ? null : new String(f.value(), StandardCharsets.UTF_8);
  }

  static long request(org.apache.kafka.common.header.Headers h) {
    Header r = h.lastHeader(REQUEST);
    return r == null ? -1 : ByteBuffer.wrap(r.value()).getLong();
  }

  /** The barrier header's value ([kind:1][nonce:8]), or null for an ordinary record. */
  static byte[] barrier(org.apache.kafka.common.header.Headers h) {
    Header b = h.lastHeader(BARRIER);
    return b == null ? null : b.value();
  }
}
