package coedit.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.RejectCode;
import coedit.editor.data.SubmitResult;
import coedit.editor.data.SubmitResult.Accepted;
import coedit.editor.data.SubmitResult.Rejected;
import coedit.engine.ModuleInstance;
import coedit.engine.ProgressListener;
import coedit.engine.RecomputeReport;
import coedit.engine.Cluster;
import coedit.engine.testing.TestRuntime;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;
import coedit.ot.Ot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random stale, bad and repeated submissions on several documents, checked against the plain
 * model (ot.js's server in memory); then recompute rebuilds PStates equal to the originals.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("coedit.engine.testing.TestRuntime#all")
class RandomEditsAndRecomputeTest {
  @Parameter
  TestRuntime runtime;

  private static final List<String> DOCS = List.of("d0", "d1", "d2", "d3", "d4");
  private static final List<String> CLIENTS = List.of("ann", "ben", "cat", "dan");

  @Test
  void theModuleAnswersLikeThePlainModelAndRecomputeRebuildsTheSameState() {
    long seed = Long.getLong("coedit.seed", System.nanoTime());
    Random random = new Random(seed);
    // Small snapshots interval and cache, so documents are evicted and reloaded often.
    EditorConfig config = EditorConfig.defaults().withSnapshots(4, 64).withCache(200, 2);
    ModelDocumentService model = new ModelDocumentService();
    Map<String, SubmitResult> firstAnswers = new HashMap<>();
    Map<String, EditSubmission> sent = new HashMap<>();
    Map<String, Long> nextSeq = new HashMap<>();
    try (Cluster cluster = CollaborativeDocumentEditorModuleTest.cluster(runtime);
        EngineDocumentService editor = EngineDocumentService.launch(cluster, config)) {
      for (int i = 0; i < 1_500; i++) {
        String doc = DOCS.get(random.nextInt(DOCS.size()));
        String client = CLIENTS.get(random.nextInt(CLIENTS.size()));
        String key = doc + "/" + client;
        long seq = nextSeq.getOrDefault(key, 0L);
        if (seq > 0 && random.nextInt(10) == 0) {
          // A resend of an earlier seq: the original answer, flagged duplicate; other content
          // under that seq: a conflict that applies nothing.
          long old = random.nextLong(seq);
          Accepted original = (Accepted) firstAnswers.get(key + "/" + old);
          if (original == null) continue;
          SubmitResult again = editor.submit(sent.get(key + "/" + old)).join();
          assertEquals(new Accepted(original.version(), original.change(), true), again, "seed " + seed);
          SubmitResult other = editor.submit(new EditSubmission(doc, client, old, 0, Edits.ins(0, "z"))).join();
          if (!sent.get(key + "/" + old).equals(new EditSubmission(doc, client, old, 0, Edits.ins(0, "z")))) {
            assertEquals(RejectCode.SEQ_CONFLICT, ((Rejected) other).code(), "seed " + seed);
          }
          continue;
        }
        long version = model.read(doc).version();
        // Mostly a few versions behind; sometimes far behind (beyond the in-memory recent changes).
        long base = random.nextInt(10) == 0 ? random.nextLong(version + 1)
            : version - random.nextLong(Math.min(version, 6) + 1);
        boolean bad = random.nextInt(12) == 0;
        Change change = randomChange(random, textAt(model, doc, base), bad);
        EditSubmission s = new EditSubmission(doc, client, seq, base, change);
        SubmitResult expected = model.submit(s).join();
        SubmitResult actual = editor.submit(s).join();
        // The module and its reference model run the same step: equal answers, rejections included.
        assertEquals(expected, actual, "seed " + seed + ", submission " + s);
        if (expected instanceof Rejected) continue;
        firstAnswers.put(key + "/" + seq, actual);
        sent.put(key + "/" + seq, s);
        nextSeq.put(key, seq + 1);
      }
      for (String doc : DOCS) assertEquals(model.read(doc), editor.read(doc), "seed " + seed);

      ModuleInstance module = cluster.module(CollaborativeDocumentEditorModule.NAME);
      Map<String, Object> before = state(module, editor);
      RecomputeReport report = module.recompute(ProgressListener.NONE);
      assertTrue(report.records() > 1_000, report.toString());
      assertEquals(before, state(module, editor), "seed " + seed);
    }
  }

  /** Everything the module stores about each document, plus what the query returns. */
  private static Map<String, Object> state(ModuleInstance module, DocumentService editor) {
    Map<String, Object> state = new HashMap<>();
    for (String doc : DOCS) {
      state.put(doc + " query", editor.read(doc));
      state.put(doc + " history", editor.history(doc, 0, Long.MAX_VALUE));
      state.put(doc + " snapshot", module.map(CollaborativeDocumentEditorModule.SNAPSHOTS).get(doc));
      List<?> index = module.<String, ClientSeq, Long>sortedMap(CollaborativeDocumentEditorModule.SUBMISSIONS)
          .range(doc, null, null, Integer.MAX_VALUE);
      state.put(doc + " index", index);
    }
    return state;
  }

  private static String textAt(ModelDocumentService model, String doc, long version) {
    String text = "";
    for (HistoryEntry e : model.history(doc, 0, version)) text = Ot.apply(text, e.change());
    return text;
  }

  /** One to three edits valid one after another on {@code text}, or (bad) past its end. */
  static Change randomChange(Random random, String text, boolean bad) {
    int length = text.codePointCount(0, text.length());
    List<Edit> edits = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (bad) {
        edits.add(new Delete(length, 1 + random.nextInt(3)));
        break;
      }
      if (length > 0 && random.nextInt(3) == 0) {
        int at = random.nextInt(length);
        int len = 1 + random.nextInt(Math.min(length - at, 4));
        edits.add(new Delete(at, len));
        length -= len;
      } else {
        String[] words = {"a", "bc", "def ", "é", "\uD83D\uDE00", "xyz"};
        String w = words[random.nextInt(words.length)];
        edits.add(new Insert(random.nextInt(length + 1), w));
        length += w.codePointCount(0, w.length());
      }
    }
    return new Change(edits);
  }
}
