package coedit.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.CollaborativeDocumentEditorModule;
import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.editor.HistoryRetention;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.engine.DepotTrimming;
import coedit.engine.EngineConfig;
import coedit.engine.FsyncPolicy;
import coedit.engine.ProgressListener;
import coedit.engine.storage.Space;
import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document edited forever stays bounded on disk, depot included: 50,000 edits by 4 clients
 * with --history-keep-versions 1000, the trimmer's rule looked at every 1,000 edits (as its
 * thread would, without the timing). Counts, not bytes or time: the records the depot holds
 * and the entries the base holds never exceed what the rule allows, whereas every edit is a
 * record when nothing is trimmed.
 */
class TrimmedEditorStorageTest {
  private static final int EDITS = 50_000;
  private static final int KEEP = 1_000;
  private static final int CLIENTS = 4;
  private static final int LOOK_EVERY = 1_000;

  @Test
  void aDocumentEditedForeverKeepsItsDepotBounded(@TempDir Path dir) {
    // The policy's thread is off; its rule is applied by hand below, every LOOK_EVERY edits.
    DepotTrimming rule = new DepotTrimming(false, LOOK_EVERY, Duration.ofSeconds(1));
    EngineConfig config = EngineConfig.defaults(dir).withPartitions(1).withFsync(FsyncPolicy.NEVER).withTrimming(rule);
    EditorConfig editorConfig = EditorConfig.defaults().withRetention(HistoryRetention.versions(KEEP));
    Random random = new Random(42);
    long maxRecords = 0;
    long maxEntries = 0;
    String text;
    try (EngineCluster cluster = new EngineCluster(config);
        EngineDocumentService editor = EngineDocumentService.launch(cluster, editorConfig)) {
      ModuleRuntime rt = (ModuleRuntime) cluster.module(CollaborativeDocumentEditorModule.NAME);
      long version = 0;
      long length = 0;
      long[] seqs = new long[CLIENTS];
      for (int i = 1; i <= EDITS; i++) {
        int c = random.nextInt(CLIENTS);
        Change change = length > 2_000 && random.nextBoolean()
            ? Change.of(new Delete((int) random.nextLong(length), 1))
            : Change.of(new Insert((int) random.nextLong(length + 1), "x"));
        SubmitResult r = editor.submit(new EditSubmission("forever", "c" + c, seqs[c]++, version, change)).join();
        version = ((SubmitResult.Accepted) r).version();
        length += change.lengthDelta();
        if (i % LOOK_EVERY == 0) {
          maxRecords = Math.max(maxRecords, count(rt, Space.DEPOT)); // the most: just before a look
          rt.trimmer.pass(false);
          maxEntries = Math.max(maxEntries, Bases.read(rt.storage, 0).entries());
        }
      }
      // History (<= 2 KEEP), index (<= 2 KEEP + a latest seq per client), snapshot and horizon text.
      long entriesBound = 2 * KEEP + 2 * KEEP + CLIENTS + 16;
      assertTrue(maxEntries <= entriesBound, maxEntries + " entries in a base");
      // Rebuilt once max(minRecords, entries) records are above it, looked at every LOOK_EVERY.
      assertTrue(maxRecords <= Math.max(LOOK_EVERY, entriesBound) + LOOK_EVERY,
          maxRecords + " depot records held at most, of " + EDITS + " edits");
      assertTrue(rt.trimmer.trimmed >= EDITS - maxRecords, rt.trimmer.trimmed + " records trimmed");
      text = editor.read("forever").text();
      rt.recompute(ProgressListener.NONE);
      assertEquals(text, editor.read("forever").text(), "recompute from the base");
      assertEquals(EDITS, editor.read("forever").version());
    }
    System.out.printf("%,d edits: at most %,d depot records and %,d base entries held%n", EDITS, maxRecords, maxEntries);
  }

  private static long count(ModuleRuntime rt, Space space) {
    long[] n = new long[1];
    rt.storage.forEachPage(space, new byte[0], null, 4096, page -> n[0] += page.size());
    return n[0];
  }
}
