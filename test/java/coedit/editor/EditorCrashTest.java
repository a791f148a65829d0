package coedit.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.data.DocSnapshot;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SubmitResult;
import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.embedded.Engine;
import coedit.ot.Ot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM ({@link CrashWriter}) edits three documents under load and is killed with
 * SIGKILL at a random moment, several rounds on one data directory. After each kill the
 * engine is reopened and: every submission the child saw acknowledged is in the history
 * exactly once, at its acknowledged version; no (clientId, seq) appears twice; each text
 * equals the replay of its history; and reusing an acknowledged seq for other content is a
 * seq conflict naming the version it was accepted at (the index survived with its
 * fingerprint).
 */
class EditorCrashTest {
  private static final int ROUNDS = 5;

  @Test
  void everyAcknowledgedSubmissionSurvivesSigkillExactlyOnce(@TempDir Path dir) throws Exception {
    long seed = Long.getLong("coedit.seed", System.nanoTime());
    Random random = new Random(seed);
    long totalAcks = 0;
    for (int round = 0; round < ROUNDS; round++) {
      // Killed after a random number of acknowledgements plus a random delay: a moment in
      // its work, not a wall-clock time a loaded machine may not have reached.
      List<String[]> acks = runAndKill(dir, round, 1 + random.nextInt(400), random.nextInt(300));
      assertTrue(acks.size() > 0, "round " + round + ": the child acknowledged nothing before the kill");
      totalAcks += acks.size();
      try (Cluster cluster = Engine.open(EngineConfig.defaults(dir).withPartitions(2));
          EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
        for (String doc : CrashWriter.DOCS) {
          List<HistoryEntry> history = editor.history(doc, 0, Long.MAX_VALUE);
          Set<String> ids = new HashSet<>();
          String text = "";
          for (HistoryEntry e : history) {
            assertTrue(ids.add(e.clientId() + "#" + e.seq()), "round " + round + ": " + e + " appears twice");
            text = Ot.apply(text, e.change());
          }
          assertEquals(new DocSnapshot(doc, text, history.size()), editor.read(doc), "round " + round);
        }
        for (String[] ack : acks) {
          String doc = ack[1];
          long version = Long.parseLong(ack[4]);
          HistoryEntry e = editor.history(doc, version - 1, version).get(0);
          assertEquals(ack[2] + "#" + ack[3], e.clientId() + "#" + e.seq(), "round " + round + ": entry " + version + " of " + doc);
        }
        String[] last = acks.get(acks.size() - 1);
        SubmitResult again = editor.submit(new EditSubmission(last[1], last[2], Long.parseLong(last[3]), 0,
            Edits.ins(0, "again"))).join();
        assertTrue(again instanceof SubmitResult.Rejected r && r.code() == coedit.editor.data.RejectCode.SEQ_CONFLICT
            && r.message().contains("accepted as version " + last[4] + " "), "round " + round + ": reused seq answered " + again);
      }
    }
    System.out.println("EditorCrashTest: " + ROUNDS + " kills, " + totalAcks + " acknowledged submissions checked (seed " + seed + ")");
  }

  /**
   * Runs the child until it has acknowledged {@code acksBeforeKill} submissions, then
   * {@code millis} more, kills it, returns its ACK lines.
   */
  private static List<String[]> runAndKill(Path dir, int round, int acksBeforeKill, long millis)
      throws IOException, InterruptedException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, CrashWriter.class.getName(), dir.toString(), String.valueOf(round))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String[]> acks = new CopyOnWriteArrayList<>();
    Object ready = new Object();
    boolean[] isReady = {false};
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.equals("READY")) {
            synchronized (ready) {
              isReady[0] = true;
              ready.notifyAll();
            }
          }
          String[] parts = line.split(" ");
          if (parts.length == 5 && parts[0].equals("ACK")) acks.add(parts);
        }
      } catch (IOException e) {
        // The pipe closes when the child dies.
      }
    });
    reader.start();
    synchronized (ready) {
      long deadline = System.currentTimeMillis() + 30_000;
      while (!isReady[0] && System.currentTimeMillis() < deadline && child.isAlive()) ready.wait(100);
    }
    assertTrue(isReady[0], "round " + round + ": the child did not start");
    long deadline = System.currentTimeMillis() + 60_000;
    while (acks.size() < acksBeforeKill && child.isAlive() && System.currentTimeMillis() < deadline) Thread.sleep(5);
    Thread.sleep(millis);
    child.destroyForcibly();
    assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child did not die");
    reader.join(10_000);
    return new ArrayList<>(acks);
  }
}
