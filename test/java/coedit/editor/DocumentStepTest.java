package coedit.editor;

import static coedit.editor.Edits.ins;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.EditorCodecs;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.RejectCode;
import coedit.editor.data.SeqEntry;
import coedit.editor.data.Snapshot;
import coedit.editor.data.SubmitResult;
import coedit.editor.data.SubmitResult.Accepted;
import coedit.editor.data.SubmitResult.Rejected;
import coedit.ot.Change;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link DocumentStep} run as the pure function it is, over a log that orders index keys by
 * their stored bytes (as the PState does): idempotency per (author, client, seq), and a seq
 * reused with different content refused as {@code SEQ_CONFLICT} instead of being answered as
 * a duplicate.
 */
class DocumentStepTest {
  /** One document: the step's state, its history and its idempotency index. */
  static final class Doc implements DocumentLog {
    Document state = Document.empty();
    final List<HistoryEntry> history = new ArrayList<>();
    final TreeMap<ClientSeq, SeqEntry> index = new TreeMap<>((a, b) ->
        Arrays.compareUnsigned(EditorCodecs.CLIENT_SEQ.encode(a), EditorCodecs.CLIENT_SEQ.encode(b)));

    SubmitResult submit(EditSubmission s) {
      DocumentStep.Step step = DocumentStep.step(state, s, this, EditorConfig.defaults(), 1_000);
      state = step.next();
      for (DocWrite w : step.writes()) {
        if (w instanceof DocWrite.AppendHistory a) history.add(a.entry());
        if (w instanceof DocWrite.RecordSubmission r) index.put(r.key(), r.entry());
      }
      return step.outcome();
    }

    /** A fresh document object over the same log: the bounds it learned are gone (a reload). */
    Doc reloaded() {
      Document fresh = Document.empty();
      for (HistoryEntry e : history) fresh.advance(e.change(), new ClientSeq("reload", 0), null, EditorConfig.defaults());
      state = fresh;
      return this;
    }

    @Override
    public List<Change> changes(String docId, long fromExclusive, long toInclusive) {
      return history.subList((int) fromExclusive, (int) toInclusive).stream().map(HistoryEntry::change).toList();
    }

    @Override
    public Change change(String docId, long version) {
      return history.get((int) version - 1).change();
    }

    @Override
    public List<HistoryEntry> entries(String docId, long fromExclusive, long toInclusive) {
      return List.copyOf(history.subList((int) fromExclusive, (int) toInclusive));
    }

    @Override
    public long entryTime(String docId, long version) {
      return history.get((int) version - 1).timeMillis();
    }

    @Override
    public List<Map.Entry<ClientSeq, SeqEntry>> submissions(String docId, ClientSeq from, ClientSeq to) {
      return List.copyOf(index.subMap(from, true, to, false).entrySet());
    }

    @Override
    public Snapshot snapshot(String docId) {
      return null; // nothing here reads it: all history is kept
    }

    @Override
    public Snapshot horizonText(String docId) {
      return null;
    }

    @Override
    public SeqEntry accepted(String docId, ClientSeq key) {
      return index.get(key);
    }

    @Override
    public Map.Entry<ClientSeq, SeqEntry> firstAtOrAfter(String docId, ClientSeq key) {
      Map.Entry<ClientSeq, SeqEntry> e = index.ceilingEntry(key);
      return e != null && e.getKey().sameSubmitter(key) ? e : null;
    }
  }

  static EditSubmission sub(String author, String client, long seq, long version, Change change) {
    return new EditSubmission("notes", client, seq, version, change, author);
  }

  @Test
  void theSameSubmissionAgainIsADuplicateAnsweredWithTheOriginal() {
    Doc d = new Doc();
    Accepted first = (Accepted) d.submit(sub("ada", "c1", 1, 0, ins(0, "Hello")));
    Accepted again = (Accepted) d.submit(sub("ada", "c1", 1, 0, ins(0, "Hello")));
    assertTrue(again.duplicate());
    assertEquals(first.version(), again.version());
    assertEquals(1, d.history.size());
    // Also when the document was reloaded and has to find the seq in the index.
    assertTrue(((Accepted) d.reloaded().submit(sub("ada", "c1", 1, 0, ins(0, "Hello")))).duplicate());
  }

  @Test
  void aSeqReusedWithDifferentContentIsASeqConflictAndAppliesNothing() {
    Doc d = new Doc();
    d.submit(sub("ada", "c1", 1, 0, ins(0, "Hello")));
    d.submit(sub("ada", "c1", 2, 1, ins(5, "!")));
    // Different text, different base version: neither is the submission accepted under seq 1.
    for (EditSubmission conflicting : List.of(sub("ada", "c1", 1, 0, ins(0, "Bye")), sub("ada", "c1", 1, 1, ins(0, "Hello")))) {
      Rejected r = assertInstanceOf(Rejected.class, d.submit(conflicting));
      assertEquals(RejectCode.SEQ_CONFLICT, r.code());
      assertTrue(r.message().contains("seq 1"), r.message());
      Rejected afterReload = assertInstanceOf(Rejected.class, d.reloaded().submit(conflicting));
      assertEquals(RejectCode.SEQ_CONFLICT, afterReload.code());
    }
    assertEquals(2, d.history.size());
    assertEquals("Hello!", d.state.text());
  }

  @Test
  void anotherUsersSeqsAreNotOurs() {
    // Mallory sends Ada's next (clientId, seq) first: under his own author it is his own,
    // so Ada's real submission is still applied, not answered as Mallory's duplicate.
    Doc d = new Doc();
    d.submit(sub("ada", "c1", 1, 0, ins(0, "a")));
    Accepted mallory = (Accepted) d.submit(sub("mallory", "c1", 2, 1, ins(0, "EVIL")));
    Accepted ada = (Accepted) d.submit(sub("ada", "c1", 2, 1, ins(1, "b")));
    assertEquals(false, ada.duplicate());
    assertEquals(mallory.version() + 1, ada.version());
    assertEquals("EVILab", d.state.text());
    assertEquals("ada", d.history.get(2).author());
    assertEquals("mallory", d.history.get(1).author());
    // Anonymous keys (open mode) are yet another namespace.
    assertEquals(false, ((Accepted) d.submit(sub(null, "c1", 1, 3, ins(0, "x")))).duplicate());
  }

  @Test
  void anIndexEntryWithoutAFingerprintIsStillADuplicate() {
    // Entries stored before fingerprints existed: the step cannot tell, so it keeps the old answer.
    Doc d = new Doc();
    d.submit(sub(null, "c1", 1, 0, ins(0, "Hello")));
    d.index.replaceAll((k, v) -> new SeqEntry(v.version(), null));
    Accepted r = (Accepted) d.reloaded().submit(sub(null, "c1", 1, 0, ins(0, "other")));
    assertTrue(r.duplicate());
    assertNull(d.history.get(0).author());
  }
}
