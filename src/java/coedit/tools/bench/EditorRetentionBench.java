package coedit.tools.bench;

import coedit.editor.CollaborativeDocumentEditorModule;
import coedit.editor.EditorConfig;
import coedit.editor.HistoryRetention;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.engine.ModuleInstance;
import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.tools.bench.EditorBenchmark.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A document edited forever: 100,000 edits by 4 clients keeping it at about 2,000 code
 * points, once with every entry kept and once with --history-keep-versions 1000. Reports
 * what the editor's PStates hold for it at the end (history entries, idempotency entries),
 * sampled every 9,973 edits: with the retention they stay bounded (at most
 * 2 · max(1000, 32, length / 64) entries; the index holds those plus one per client),
 * without it they grow with the edits. The depot keeps every record either way. Fsync off:
 * this measures what is stored, not speed.
 */
final class EditorRetentionBench {
  private static final int EDITS = 100_000;
  private static final int KEEP = 1_000;
  private static final int CLIENTS = 4;

  private EditorRetentionBench() {}

  static List<Result> run() {
    List<Result> out = new ArrayList<>();
    long[] all = measure(EditorConfig.defaults(), "keep all");
    long[] kept = measure(EditorConfig.defaults().withRetention(HistoryRetention.versions(KEEP)), "keep 1000");
    out.add(new Result("retention", "history entries held, keep all", all[0], "", true));
    out.add(new Result("retention", "history entries held, keep 1000", kept[0], "<= 2,000", kept[0] <= 2 * KEEP));
    out.add(new Result("retention", "max history entries in samples", kept[2], "<= 2,000", kept[2] <= 2 * KEEP));
    out.add(new Result("retention", "index entries held, keep all", all[1], "", true));
    out.add(new Result("retention", "index entries held, keep 1000", kept[1], "<= 2,004", kept[1] <= 2 * KEEP + CLIENTS));
    return out;
  }

  private static long bytes(Path dir) {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {history entries, index entries at the end, the most history entries seen in a sample}. */
  private static long[] measure(EditorConfig config, String label) {
    Random random = new Random(42);
    long maxHeld = 0;
    try (EditorBenchSupport s = new EditorBenchSupport(1, config, false)) {
      ModuleInstance m = s.cluster.module(CollaborativeDocumentEditorModule.NAME);
      long version = 0;
      long length = 0;
      long[] seqs = new long[CLIENTS];
      long start = System.nanoTime();
      for (int i = 1; i <= EDITS; i++) {
        int c = random.nextInt(CLIENTS);
        Change change = length > 2_000 && random.nextBoolean()
            ? Change.of(new Delete((int) random.nextLong(length), 1))
            : Change.of(new Insert((int) random.nextLong(length + 1), "x"));
        SubmitResult r = s.editor.submit(new EditSubmission("forever", "c" + c, seqs[c]++, version, change)).join();
        if (!(r instanceof SubmitResult.Accepted a)) throw new IllegalStateException("refused: " + r);
        version = a.version();
        length += change.lengthDelta();
        if (i % 9_973 == 0) { // a prime: samples fall anywhere between two compactions
          long held = version - s.editor.horizon("forever");
          maxHeld = Math.max(maxHeld, held);
          System.out.printf(Locale.ROOT, "%s: %,d edits, %,d history entries held, %,d index entries%n", label, i,
              held, m.sortedMap(CollaborativeDocumentEditorModule.SUBMISSIONS).size("forever"));
        }
      }
      long held = version - s.editor.horizon("forever");
      long index = m.sortedMap(CollaborativeDocumentEditorModule.SUBMISSIONS).size("forever");
      System.out.printf(Locale.ROOT, "%s: %,d edits in %.1f s; data directory %.1f MiB (depot records are all kept)%n",
          label, EDITS, (System.nanoTime() - start) / 1e9, bytes(s.dir) / 1048576.0);
      return new long[] {held, index, maxHeld};
    }
  }
}
