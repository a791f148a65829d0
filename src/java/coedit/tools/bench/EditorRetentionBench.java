package coedit.tools.bench;

import coedit.editor.CollaborativeDocumentEditorModule;
import coedit.editor.EditorConfig;
import coedit.editor.HistoryRetention;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.engine.DepotTrimming;
import coedit.engine.ModuleInstance;
import coedit.engine.storage.RocksStorage;
import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.tools.bench.EditorBenchmark.Result;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A document edited forever: 100,000 edits by 4 clients keeping it at about 2,000 code
 * points, once with every entry kept and twice with --history-keep-versions 1000: with the
 * depot kept whole, and with it trimmed as a server with that flag trims it (the engine's
 * {@link DepotTrimming#on()} rule, looking every second instead of every 10 s so that a run
 * of seconds sees several looks). Reports what the editor's PStates hold for it at the end
 * (history entries, idempotency entries), sampled every 9,973 edits: with the retention
 * they stay bounded (at most 2 · max(1000, 32, length / 64) entries; the index holds those
 * plus one per client), without it they grow with the edits. Reports the depot records
 * held (appended minus trimmed, from the engine's meter) and the data directory's size at
 * rest (stopped and reopened): trimmed, the depot stays below max(10,000, base entries)
 * plus a second of edits. Fsync off: this measures what is stored, not speed.
 */
final class EditorRetentionBench {
  private static final int EDITS = 100_000;
  private static final int KEEP = 1_000;
  private static final int CLIENTS = 4;
  private static final DepotTrimming SERVER_RULE = DepotTrimming.on().withCheckEvery(Duration.ofSeconds(1));

  private EditorRetentionBench() {}

  /** What one run stored: entries held at the end and at most, depot records at the end and at most, bytes. */
  private record Stored(long history, long index, long maxHistory, long records, long maxRecords, long bytes) {}

  static List<Result> run() {
    List<Result> out = new ArrayList<>();
    Stored all = measure(EditorConfig.defaults(), "keep all", DepotTrimming.OFF);
    EditorConfig keep = EditorConfig.defaults().withRetention(HistoryRetention.versions(KEEP));
    Stored whole = measure(keep, "keep 1000, depot whole", DepotTrimming.OFF);
    Stored kept = measure(keep, "keep 1000, depot trimmed", SERVER_RULE);
    out.add(new Result("retention", "history entries held, keep all", all.history(), "", true));
    out.add(new Result("retention", "history entries held, keep 1000", kept.history(), "<= 2,000", kept.history() <= 2 * KEEP));
    out.add(new Result("retention", "max history entries in samples", kept.maxHistory(), "<= 2,000",
        kept.maxHistory() <= 2 * KEEP));
    out.add(new Result("retention", "index entries held, keep all", all.index(), "", true));
    out.add(new Result("retention", "index entries held, keep 1000", kept.index(), "<= 2,004",
        kept.index() <= 2 * KEEP + CLIENTS));
    out.add(new Result("retention", "depot records held, depot whole", whole.records(), "", true));
    // 10,000 above the base, plus what arrives in the second between two looks (~10,000 here).
    out.add(new Result("retention", "depot records held, trimmed", kept.records(), "< 30,000", kept.records() < 30_000));
    out.add(new Result("retention", "max depot records in samples, trimmed", kept.maxRecords(), "< 30,000",
        kept.maxRecords() < 30_000));
    out.add(new Result("retention", "data dir MiB at rest, keep all", all.bytes() / 1048576.0, "", true));
    out.add(new Result("retention", "data dir MiB at rest, keep 1000", whole.bytes() / 1048576.0, "", true));
    out.add(new Result("retention", "data dir MiB at rest, trimmed", kept.bytes() / 1048576.0, "", true));
    return out;
  }

  private static long bytes(Path dir) {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stored measure(EditorConfig config, String label, DepotTrimming trimming) {
    Random random = new Random(42);
    long maxHeld = 0;
    long maxRecords = 0;
    try (EditorBenchSupport s = new EditorBenchSupport(1, config, false, trimming)) {
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      s.cluster.bindTo(meters);
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
          long records = i - trimmed(meters);
          maxHeld = Math.max(maxHeld, held);
          maxRecords = Math.max(maxRecords, records);
          System.out.printf(Locale.ROOT, "%s: %,d edits, %,d history entries held, %,d index entries, %,d depot records%n",
              label, i, held, m.sortedMap(CollaborativeDocumentEditorModule.SUBMISSIONS).size("forever"), records);
        }
      }
      long held = version - s.editor.horizon("forever");
      long index = m.sortedMap(CollaborativeDocumentEditorModule.SUBMISSIONS).size("forever");
      long records = EDITS - trimmed(meters);
      long open = bytes(s.dir);
      // Stopped and opened again, RocksDB turns its write-ahead log into data files: what
      // the data takes at rest (while running, the log holds every write until the
      // memtables, 64 MiB each, are flushed).
      s.editor.close();
      s.cluster.close();
      new RocksStorage(s.dir.resolve(CollaborativeDocumentEditorModule.NAME)).close();
      long bytes = bytes(s.dir);
      System.out.printf(Locale.ROOT, "%s: %,d edits in %.1f s; %,d depot records; data directory %.1f MiB running,"
          + " %.1f MiB reopened%n", label, EDITS, (System.nanoTime() - start) / 1e9, records, open / 1048576.0,
          bytes / 1048576.0);
      return new Stored(held, index, maxHeld, records, Math.max(maxRecords, records), bytes);
    }
  }

  /** Depot records the engine deleted so far (every edit is one record, so held = edits - this). */
  private static long trimmed(SimpleMeterRegistry meters) {
    FunctionCounter c = meters.find("coedit.engine.depot.trimmed").functionCounter();
    return c == null ? 0 : (long) c.count();
  }
}
