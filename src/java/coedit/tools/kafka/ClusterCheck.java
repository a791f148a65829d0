package coedit.tools.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The verdict on a cluster run, read over the HTTP API of a node that is up: for every
 * document, every typist's text is the server's text; each typist's letter is in it exactly
 * as many times as it was typed (no keystroke lost or applied twice); every submission is in
 * the history once, and every acknowledged one at its acknowledged version.
 *
 * @param documents  documents checked
 * @param typed      keystrokes typed, over all typists
 * @param acked      acknowledged submissions
 * @param problems   what was wrong, the first few of each kind (empty: the run is sound)
 */
public record ClusterCheck(int documents, long typed, long acked, List<String> problems) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Waits until every typist has nothing pending (at most {@code timeout}), then checks. */
  public static ClusterCheck of(URI node, List<ClusterTypist> typists, Duration timeout) throws InterruptedException {
    List<String> problems = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ClusterTypist t : typists) {
      try {
        t.session().awaitSynced(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      } catch (java.util.concurrent.TimeoutException e) {
        note(problems, t.clientId() + " never synced: " + t.session().status() + " on " + t.session().server());
      }
    }
    Map<String, List<ClusterTypist>> byDoc = new TreeMap<>();
    typists.forEach(t -> byDoc.computeIfAbsent(t.docId(), d -> new ArrayList<>()).add(t));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long typed = 0;
    long acked = 0;
    for (Map.Entry<String, List<ClusterTypist>> e : byDoc.entrySet()) {
      String doc = e.getKey();
      JsonNode server = get(http, node, "/api/docs/" + doc);
      String text = server.path("text").asText();
      long version = server.path("version").asLong();
      Map<String, Long> versionOf = history(http, node, doc, version, problems);
      for (ClusterTypist t : e.getValue()) {
        typed += t.typed();
        acked += t.acked().size();
        awaitText(t, text, deadline);
        if (!t.session().text().equals(text)) {
          note(problems, doc + ": " + t.clientId() + " ends with a text other than the server's (" + t.session().text().length()
              + " vs " + text.length() + " chars)");
        }
        long found = text.chars().filter(c -> c == t.letter).count();
        if (found != t.typed()) {
          note(problems, doc + ": " + t.clientId() + " typed " + t.typed() + " times '" + t.letter + "', the text has " + found);
        }
        for (Map.Entry<Long, Long> a : t.acked().entrySet()) {
          Long v = versionOf.get(t.clientId() + "/" + a.getKey());
          if (v == null) note(problems, doc + ": acknowledged " + t.clientId() + "/" + a.getKey() + " is not in the history");
          else if (!v.equals(a.getValue())) {
            note(problems, doc + ": " + t.clientId() + "/" + a.getKey() + " acknowledged as " + a.getValue() + ", is " + v);
          }
        }
      }
    }
    return new ClusterCheck(byDoc.size(), typed, acked, problems);
  }

  /** Every entry's clientId/seq to its version; a submission found twice is a problem. */
  private static Map<String, Long> history(HttpClient http, URI node, String doc, long to, List<String> problems) {
    Map<String, Long> out = new HashMap<>();
    long from = 0;
    while (from < to) {
      JsonNode page = get(http, node, "/api/docs/" + doc + "/history?from=" + from + "&to=" + to);
      for (JsonNode entry : page.path("entries")) {
        String id = entry.path("clientId").asText() + "/" + entry.path("seq").asLong();
        if (out.put(id, entry.path("version").asLong()) != null) note(problems, doc + ": " + id + " applied twice");
      }
      long next = page.path("to").asLong();
      if (next <= from) break;
      from = next;
    }
    return out;
  }

  private static void awaitText(ClusterTypist t, String text, long deadline) throws InterruptedException {
    while (!t.session().text().equals(text) && System.nanoTime() < deadline) Thread.sleep(20);
  }

  private static JsonNode get(HttpClient http, URI node, String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(30)).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + " " + r.body());
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void note(List<String> problems, String p) {
    if (problems.size() < 20) problems.add(p);
  }
}
