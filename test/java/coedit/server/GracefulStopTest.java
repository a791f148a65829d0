package coedit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.ForwardingDocumentService;
import coedit.editor.ModelDocumentService;
import coedit.editor.data.DocSnapshot;
import coedit.server.core.ServerConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping the server answers the requests already in flight before it closes their
 * connections: a process exiting after an engine failure still tells the client of the
 * submission that failed (503), instead of leaving it a dropped connection.
 */
class GracefulStopTest {

  /** Reads wait at a latch, so a request can be held in flight across the stop. */
  private static final class HeldReads extends ForwardingDocumentService {
    final CountDownLatch reading = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    HeldReads() {
      super(new ModelDocumentService());
    }

    @Override
    public DocSnapshot read(String docId) {
      reading.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.read(docId);
    }
  }

  @Test
  void aRequestInFlightWhenTheServerStopsIsAnsweredBeforeItsConnectionCloses() throws Exception {
    HeldReads service = new HeldReads();
    CoeditServer server = CoeditServer.start(service, ServerConfig.defaults().withHost("127.0.0.1").withPort(0));
    Http http = new Http(server.uri());
    CompletableFuture<Http.Response> read = CompletableFuture.supplyAsync(() -> http.get("/api/docs/notes"));
    assertTrue(service.reading.await(30, TimeUnit.SECONDS), "the read reached the editor");
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
    // Long enough for an ungraceful stop to have closed the connection; the graceful one waits.
    Thread.sleep(500);
    service.release.countDown();
    Http.Response r = read.get(30, TimeUnit.SECONDS);
    assertEquals(200, r.status());
    assertEquals("", r.json().get("text").asText());
    stopping.get(30, TimeUnit.SECONDS);
    service.close();
  }
}
