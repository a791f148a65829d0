package coedit.tools.kafka;

import coedit.editor.CollaborativeDocumentEditorModule;
import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.engine.kafka.KafkaCluster;
import coedit.engine.kafka.KafkaEngineConfig;
import coedit.ot.Change;
import coedit.ot.Insert;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;

/**
 * One engine instance of a failover run, in its own JVM: launches the editor module on the
 * Kafka runtime (replication 3, min.insync.replicas 2, one standby, 4 partitions) and runs
 * {@link #WRITERS} sequential writers. Each writer owns {@link #DOCS} documents spread over
 * the partitions and submits "ab" at the start of them in turn, waiting for each ACK; it
 * writes one line per ACK to the ACK file, after the ACK:
 * {@code ACK millis docId clientId seq version}. A submission that fails is sent again
 * with the same seq until it is acknowledged (the module answers a resend with the original
 * version), so a writer never loses track of an edit. Prints {@code READY endpoint serving
 * [partitions]} once it serves at least one task.
 * Usage: {@code FailoverInstance BOOTSTRAP STATE_DIR NODE_ID ACK_FILE}.
 */
public final class FailoverInstance {
  static final int WRITERS = 2;
  static final int DOCS = 8;
  static final int PARTITIONS = 4;

  private FailoverInstance() {}

  public static void main(String[] args) throws IOException {
    String bootstrap = args[0];
    Path state = Path.of(args[1]);
    String node = args[2];
    Path ackFile = Path.of(args[3]);
    KafkaCluster cluster = KafkaCluster.open(config(bootstrap, node, state));
    EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults());
    // Ready once it serves some of the tasks: a kill of an instance that owns none (the
    // group had not yet given it any) would measure no stall at all.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    SortedSet<Integer> serving;
    while ((serving = cluster.servingPartitions(CollaborativeDocumentEditorModule.NAME)).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(node + " was given no task within 120 s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    PrintWriter acks = new PrintWriter(Files.newBufferedWriter(ackFile,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
    System.out.println("READY " + cluster.endpoint() + " serving " + serving);
    System.out.flush();
    for (int w = 0; w < WRITERS; w++) {
      String client = node + "-w" + w;
      Thread t = new Thread(() -> write(editor, client, acks), client);
      t.start();
    }
  }

  static KafkaEngineConfig config(String bootstrap, String node, Path state) {
    KafkaEngineConfig c = KafkaEngineConfig.defaults(bootstrap, node, state);
    return c.withEngine(c.engine().withPartitions(PARTITIONS));
  }

  private static void write(EngineDocumentService editor, String client, PrintWriter acks) {
    long[] versions = new long[DOCS];
    Change ab = new Change(List.of(new Insert(0, "ab")));
    for (long seq = 0; ; seq++) {
      int d = (int) (seq % DOCS);
      String doc = client + "-d" + d;
      while (true) {
        try {
          SubmitResult r = editor.submit(new EditSubmission(doc, client, seq, versions[d], ab))
              .join();
          if (r instanceof SubmitResult.Accepted a) {
            versions[d] = a.version();
            synchronized (acks) {
              acks.println("ACK " + System.currentTimeMillis() + " " + doc + " " + client + " "
                  + seq + " " + a.version());
            }
            break;
          }
          throw new IllegalStateException("rejected: " + r);
        } catch (RuntimeException e) {
          try {
            Thread.sleep(50);
          } catch (InterruptedException ie) {
            throw new UncheckedIOException(new IOException(ie));
          }
        }
      }
    }
  }
}
