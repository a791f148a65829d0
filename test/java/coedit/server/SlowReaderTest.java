package coedit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import coedit.editor.ModelDocumentService;
import coedit.editor.data.EditSubmission;
import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.server.core.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bounded memory per connection: a client that stops reading is disconnected once its
 * send buffer (here 256 KiB) is full, while readers keep up; and catching up on a history far
 * larger than the buffer is flow-controlled, so it never trips the limit.
 */
class SlowReaderTest {
  ModelDocumentService service;
  CoeditServer server;

  @BeforeEach
  void start() {
    service = new ModelDocumentService();
    server = CoeditServer.start(service, ServerConfig.defaults().withPort(0).withLimits(1 << 20, 1_000_000, 256 * 1024));
  }

  @AfterEach
  void stop() {
    server.close();
    service.close();
  }

  /** Version v+1 inserts a block at 0, version v+2 deletes it: the text stays small, the stream does not. */
  void churn(String doc, int pairs, int blockSize, long pauseMillis) throws InterruptedException {
    String block = "q".repeat(blockSize);
    long v = service.read(doc).version();
    for (int i = 0; i < pairs; i++) {
      service.submit(new EditSubmission(doc, "writer", v + 1, v, Change.of(new Insert(0, block)))).join();
      service.submit(new EditSubmission(doc, "writer", v + 2, v + 1, Change.of(new Delete(0, blockSize)))).join();
      v += 2;
      if (pauseMillis > 0) Thread.sleep(pauseMillis);
    }
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedAndReadersAreNot() throws Exception {
    try (StuckSocket stuck = new StuckSocket(server.uri()); RawSocket reader = RawSocket.open(server.uri())) {
      stuck.send(RawSocket.join("busy", "stuck", 0L));
      reader.send(RawSocket.join("busy", "reader", 0L));
      reader.nextOf("live");
      long deadline = System.currentTimeMillis() + 30_000;
      while (server.liveConnections() > 1 && System.currentTimeMillis() < deadline) {
        churn("busy", 50, 2000, 2); // a pace a reader keeps up with
      }
      assertEquals(1, server.liveConnections(), "the stuck reader was dropped");
      // The reader saw every version, in order, and is still connected.
      long last = service.read("busy").version();
      long expect = 1;
      while (expect <= last) {
        JsonNode m = reader.poll(10_000);
        if (m == null) throw new AssertionError("reader stalled at " + expect + " of " + last + ", closed: " + reader.closeCode.getNow(null));
        if (!"entry".equals(m.path("type").asText())) continue;
        assertEquals(expect++, m.get("version").asLong());
      }
      assertFalse(reader.closeCode.isDone());
    }
  }

  @Test
  void catchingUpOnAHistoryMuchLargerThanTheBufferIsFlowControlled() throws Exception {
    churn("long", 150, 8000, 0); // 300 entries, ~1.2 MB of inserts: 4.6 times the send buffer
    try (RawSocket s = RawSocket.open(server.uri())) {
      s.send(RawSocket.join("long", "late", 0L));
      assertEquals("joined", s.nextNonPing().get("type").asText());
      for (long v = 1; v <= 300; v++) {
        JsonNode e = s.nextNonPing();
        assertEquals("entry", e.get("type").asText(), e.toString());
        assertEquals(v, e.get("version").asLong());
      }
      assertEquals("live", s.nextNonPing().get("type").asText());
      assertFalse(s.closeCode.isDone());
    }
  }
}
