package coedit.editor;

import static coedit.editor.Edits.A;
import static coedit.editor.Edits.R;
import static coedit.editor.Edits.at;
import static coedit.editor.data.RejectCode.BAD_ID;
import static coedit.editor.data.RejectCode.BAD_MESSAGE;
import static coedit.editor.data.RejectCode.INVALID_CHANGE;
import static coedit.editor.data.RejectCode.TOO_LARGE;
import static coedit.editor.data.RejectCode.VERSION_AHEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.data.DocSnapshot;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.RejectCode;
import coedit.editor.data.SubmitResult;
import coedit.editor.data.SubmitResult.Accepted;
import coedit.editor.data.SubmitResult.Rejected;
import coedit.engine.Cluster;
import coedit.engine.testing.TestRuntime;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad submission is answered with a Rejected ack naming the problem; nothing
 * is applied, the seq is not used up, and the document's task goes on with the next one.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("coedit.engine.testing.TestRuntime#all")
class BadSubmissionsTest {
  @Parameter
  TestRuntime runtime;

  @Test
  void eachBadSubmissionIsRejectedWithAClearErrorAndChangesNothing() {
    EditorConfig limits = EditorConfig.defaults().withLimits(3, 10);
    try (Cluster cluster = CollaborativeDocumentEditorModuleTest.cluster(runtime);
        EngineDocumentService editor = EngineDocumentService.launch(cluster, limits)) {
      EditorClient alice = new EditorClient(editor, "doc", "alice");
      alice.accepted(A(0, 0, "Hello"));
      alice.accepted(A(1, 5, " world"));
      DocSnapshot before = editor.read("doc");

      // Bob claims to have seen version 5 of a document at version 2.
      assertRejected(editor, "bob", A(5, 0, "x"), VERSION_AHEAD, "version 5 is ahead of document doc, which is at version 2");
      // At version 1 the document was "Hello" (5 code points): deleting [3, 8) was out of
      // range for what Bob saw, even though it would fit today's 11 code points.
      assertRejected(editor, "bob", R(1, 3, 5), INVALID_CHANGE, "the change does not fit document doc at version 1:");
      assertRejected(editor, "bob", R(1, 3, 5), INVALID_CHANGE, "range [3, 8) runs past the end of the document");
      assertRejected(editor, "bob", A(1, 6, "x"), INVALID_CHANGE, "offset 6 is past the end of the document");
      // Malformed edits, as a buggy or hostile client could send them.
      assertRejected(editor, "bob", at(2, new Insert(-1, "x")), INVALID_CHANGE, "offset is negative");
      assertRejected(editor, "bob", at(2, new Delete(0, -2)), INVALID_CHANGE, "length is negative");
      assertRejected(editor, "bob", at(2, new Delete(0, 0)), INVALID_CHANGE, "length is 0");
      assertRejected(editor, "bob", at(2, new Insert(0, null)), INVALID_CHANGE, "text is null");
      assertRejected(editor, "bob", at(2, new Insert(0, "")), INVALID_CHANGE, "text is empty");
      assertRejected(editor, "bob", at(2, new Insert(0, "a\uD800b")), INVALID_CHANGE, "unpaired surrogate");
      // A change that changes nothing, or too much.
      assertRejected(editor, "bob", new Edits.At(2, Change.EMPTY), INVALID_CHANGE, "the change is empty");
      assertRejected(editor, "bob", at(2, new Insert(0, "a"), new Insert(0, "b"), new Insert(0, "c"),
          new Insert(0, "d")), TOO_LARGE, "the change has 4 edits; at most 3 are allowed");
      assertRejected(editor, "bob", A(2, 0, "12345678901"), TOO_LARGE, "the change inserts 11 code points; at most 10");
      // Ids with control characters or surrounding whitespace, and impossible numbers.
      assertRejected(editor, "bob", "bad\tdoc", 0, A(0, 0, "x"), BAD_ID, "docId \"bad\\u0009doc\" has control character U+0009 at index 3");
      assertRejected(editor, "bob", "", 0, A(0, 0, "x"), BAD_ID, "docId is empty");
      assertRejected(editor, "b".repeat(129), "doc", 0, A(2, 0, "x"), BAD_ID, "clientId is 129 code points long; at most 128");
      assertRejected(editor, " bob", "doc", 0, A(2, 0, "x"), BAD_ID, "clientId \" bob\" starts or ends with whitespace");
      assertRejected(editor, "bob", "doc", -1, A(2, 0, "x"), BAD_MESSAGE, "seq -1 is out of range");
      assertRejected(editor, "bob", "doc", 0, A(-1, 0, "x"), BAD_MESSAGE, "version -1 is negative");

      // None of it touched the document.
      assertEquals(before, editor.read("doc"));
      assertEquals(2, editor.history("doc", 0, 100).size());
      // Bob's seq 0 was never used up by a rejection: his corrected submission applies.
      assertEquals(new Accepted(3, Edits.ins(11, "!"), false),
          editor.submit(new EditSubmission("doc", "bob", 0, 2, Edits.ins(11, "!"))).join());
      assertEquals(new DocSnapshot("doc", "Hello world!", 3), editor.read("doc"));
    }
  }

  private static void assertRejected(DocumentService editor, String clientId, Edits.At edit, RejectCode code,
      String expected) {
    assertRejected(editor, clientId, "doc", 0, edit, code, expected);
  }

  private static void assertRejected(DocumentService editor, String clientId, String docId, long seq,
      Edits.At edit, RejectCode code, String expected) {
    SubmitResult r = editor.submit(new EditSubmission(docId, clientId, seq, edit.version(), edit.change())).join();
    assertTrue(r instanceof Rejected, "expected a rejection containing \"" + expected + "\", got " + r);
    Rejected rejected = (Rejected) r;
    assertEquals(code, rejected.code(), rejected.message());
    assertTrue(rejected.message().contains(expected),
        "the message \"" + rejected.message() + "\" should contain \"" + expected + "\"");
  }
}
