package coedit.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.client.CoeditClient;
import coedit.client.DocumentSession;
import coedit.client.RemotePresence;
import coedit.client.SessionListener;
import coedit.client.SessionOptions;
import coedit.engine.Partitioner;
import coedit.engine.testing.TestKafka;
import coedit.server.Http;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two server nodes in this JVM over one replicated editor (two engine instances sharing the
 * editor's four tasks on the test broker), each with its peers: whichever node a client
 * reaches, it sees the same documents, everyone's entries in order, and everyone's
 * presence; HTTP reads after an acknowledged write on the other node see it; a resent
 * submission is answered with the original on the other node; and when one node's server
 * stops, its clients carry on through the other with nothing lost or doubled.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesTest {
  static final int PARTITIONS = 4;
  static Path dir;
  static InProcessNode a;
  static InProcessNode b;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("coedit-two-nodes-");
    String ns = "two-" + Long.toHexString(System.nanoTime());
    String bootstrap = TestKafka.bootstrap();
    CompletableFuture<InProcessNode> na = CompletableFuture.supplyAsync(
        () -> new InProcessNode(bootstrap, ns, "a", dir.resolve("a"), PARTITIONS));
    CompletableFuture<InProcessNode> nb = CompletableFuture.supplyAsync(
        () -> new InProcessNode(bootstrap, ns, "b", dir.resolve("b"), PARTITIONS));
    a = na.join();
    b = nb.join();
    await("each node lists both", () -> a.peers.nodes().size() == 2 && b.peers.nodes().size() == 2, 20);
  }

  @AfterAll
  static void stop() {
    CompletableFuture<Void> ca = CompletableFuture.runAsync(() -> { if (a != null) a.close(); });
    CompletableFuture<Void> cb = CompletableFuture.runAsync(() -> { if (b != null) b.close(); });
    ca.join();
    cb.join();
  }

  @Test
  @Order(1)
  void eachNodeListsTheNodesUpItselfFirst() throws Exception {
    Http.Response r = new Http(a.uri()).get("/api/nodes");
    assertEquals(200, r.status());
    assertEquals("a", r.json().path("node").asText());
    assertEquals(List.of(a.uri().toString(), b.uri().toString()),
        List.of(r.json().path("nodes").get(0).asText(), r.json().path("nodes").get(1).asText()));
    assertEquals(b.uri().toString(), new Http(b.uri()).get("/api/nodes").json().path("nodes").get(0).asText());
    // A page served by one node reads the list from another when its own is gone.
    HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(b.uri().resolve("/api/nodes"))
        .header("Origin", a.uri().toString()).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals("*", raw.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
  }

  @Test
  @Order(2)
  void readAfterAckAndResubmissionHoldAcrossNodesOnEveryPartition() {
    Http onA = new Http(a.uri());
    Http onB = new Http(b.uri());
    for (String doc : oneDocumentPerPartition("http")) {
      // Written through a, read through b at once: the ACK means applied, wherever the task runs.
      Http.Response w = onA.post("/api/docs/" + doc + "/edits",
          "{\"clientId\":\"w\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\"hi\"}]}");
      assertEquals(200, w.status(), w.body());
      Http.Response read = onB.get("/api/docs/" + doc);
      assertEquals("hi", read.json().path("text").asText(), doc);
      assertEquals(1, read.json().path("version").asLong());
      // The same submission again, through the other node: the original answer, nothing applied twice.
      Http.Response again = onB.post("/api/docs/" + doc + "/edits",
          "{\"clientId\":\"w\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\"hi\"}]}");
      assertEquals(200, again.status(), again.body());
      assertTrue(again.json().path("duplicate").asBoolean(), again.body());
      assertEquals(1, again.json().path("version").asLong());
      assertEquals("hi", onA.get("/api/docs/" + doc).json().path("text").asText());
    }
  }

  @Test
  @Order(3)
  void entriesAndPresenceCrossNodesAndALeaveIsSeenOnTheOtherNode() throws Exception {
    try (CoeditClient ca = new CoeditClient(a.uri()); CoeditClient cb = new CoeditClient(b.uri())) {
      for (String doc : oneDocumentPerPartition("live")) {
        PresenceLog seenByAda = new PresenceLog();
        DocumentSession ada = ca.open(doc, SessionOptions.defaults().withName("Ada", "#e6194b"), seenByAda);
        DocumentSession bo = cb.open(doc, SessionOptions.defaults().withName("Bo", "#3cb44b"), SessionListener.NONE);
        ada.insert(0, "hello");
        bo.awaitVersion(1, Duration.ofSeconds(20));
        assertEquals("hello", bo.text());
        bo.insert(5, " world");
        bo.select(11, 11);
        ada.awaitVersion(2, Duration.ofSeconds(20));
        assertEquals("hello world", ada.text());
        // Bo's caret, sent to b, reaches Ada on a, moved to her version.
        await("Ada sees Bo's caret", () -> ada.others().stream()
            .anyMatch(p -> p.name().equals("Bo") && p.selection() != null && p.selection().head() == 11), 20);
        await("Bo sees Ada", () -> bo.others().stream().anyMatch(p -> p.name().equals("Ada")), 20);
        bo.close();
        await("Ada sees Bo leave", () -> ada.others().isEmpty(), 20);
        assertTrue(seenByAda.left.contains(bo.clientId()));
        ada.close();
      }
    }
  }

  @Test
  @Order(4)
  void whenANodeStopsItsClientsCarryOnThroughTheOtherWithNothingLostOrDoubled() throws Exception {
    String doc = oneDocumentPerPartition("stop").get(0);
    try (CoeditClient toA = new CoeditClient(List.of(a.uri(), b.uri()));
         CoeditClient toB = new CoeditClient(List.of(b.uri(), a.uri()))) {
      DocumentSession ada = toA.open(doc, SessionOptions.defaults().withName("Ada", "#e6194b"), SessionListener.NONE);
      DocumentSession bo = toB.open(doc, SessionOptions.defaults().withName("Bo", "#3cb44b"), SessionListener.NONE);
      assertTrue(ada.server().getPort() == a.uri().getPort());
      StringBuilder typedByAda = new StringBuilder();
      for (int i = 0; i < 40; i++) {
        if (i == 15) {
          CompletableFuture.runAsync(a::stopServer); // SIGTERM's first half: 1012 to every connection of a
        }
        ada.insert(0, "a");
        typedByAda.append('a');
        bo.insert(bo.length(), "b");
        Thread.sleep(20);
      }
      ada.awaitSynced(Duration.ofSeconds(30));
      bo.awaitSynced(Duration.ofSeconds(30));
      assertEquals(b.uri().getPort(), ada.server().getPort(), "Ada moved to b");
      String text = new Http(b.uri()).get("/api/docs/" + doc).json().path("text").asText();
      await("both at the server's text", () -> ada.text().equals(text) && bo.text().equals(text), 20);
      assertEquals(40, text.chars().filter(c -> c == 'a').count(), text);
      assertEquals(40, text.chars().filter(c -> c == 'b').count(), text);
      ada.close();
      bo.close();
    }
  }

  /** A document id on each of the editor's partitions. */
  static List<String> oneDocumentPerPartition(String prefix) {
    List<String> out = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      for (int i = 0; ; i++) {
        String id = prefix + "-" + Long.toHexString(System.nanoTime()) + "-" + i;
        if (Partitioner.partition(id, PARTITIONS) == p) {
          out.add(id);
          break;
        }
      }
    }
    return out;
  }

  static void await(String what, BooleanSupplier condition, int seconds) {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Presence a session heard. */
  static final class PresenceLog implements SessionListener {
    final List<String> left = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onPresence(RemotePresence p, boolean gone) {
      if (gone) left.add(p.clientId());
    }
  }
}
