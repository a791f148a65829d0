package coedit.editor;

import coedit.editor.data.DocSnapshot;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult.Accepted;
import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.embedded.Engine;
import coedit.ot.Change;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Semaphore;

/**
 * The child process of {@link EditorCrashTest}: opens the engine on a data directory and
 * submits valid edits to a few documents from several threads, many in flight, forever.
 * It prints {@code READY} once launched and {@code ACK docId clientId seq version} for every
 * accepted submission, after the ack (so each printed line is an acknowledged submission).
 * Usage: {@code CrashWriter DATA_DIR ROUND}.
 */
public final class CrashWriter {
  static final String[] DOCS = {"c0", "c1", "c2"};

  private CrashWriter() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    String round = args[1];
    Cluster cluster = Engine.open(EngineConfig.defaults(dir).withPartitions(2));
    EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults().withSnapshotEvery(50));
    System.out.println("READY");
    for (int w = 0; w < 3; w++) {
      String clientId = "r" + round + "-w" + w;
      long seed = round.hashCode() * 31L + w;
      Thread t = new Thread(() -> write(editor, clientId, new Random(seed)), clientId);
      t.start();
    }
  }

  private static void write(DocumentService editor, String clientId, Random random) {
    Semaphore inFlight = new Semaphore(32);
    for (long seq = 0; ; seq++) {
      String doc = DOCS[random.nextInt(DOCS.length)];
      DocSnapshot seen = editor.read(doc);
      Change change = RandomEditsAndRecomputeTest.randomChange(random, seen.text(), false);
      inFlight.acquireUninterruptibly();
      long s = seq;
      editor.submit(new EditSubmission(doc, clientId, s, seen.version(), change)).whenComplete((r, e) -> {
        inFlight.release();
        if (r instanceof Accepted a) {
          System.out.println("ACK " + doc + " " + clientId + " " + s + " " + a.version());
        } else {
          System.out.println("NOT " + doc + " " + clientId + " " + s + " " + (e != null ? e : r));
        }
      });
    }
  }
}
