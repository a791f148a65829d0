package coedit.editor.data;

import coedit.engine.Portable;
import coedit.ot.Rope;
import coedit.ot.TextSnapshot;

/**
 * A document's text and version read together, with the text as an immutable snapshot:
 * taking it costs O(1) on the task that owns the document, and its {@code text().toString()}
 * (O(length)) runs on whichever thread needs the characters. Between engine instances it
 * travels as {@link Plain} (the characters), materialised by the owner's network thread,
 * never by its task.
 */
public record DocText(String docId, TextSnapshot text, long version) implements Portable {
  /** The text materialised, as a {@link DocSnapshot}. */
  public DocSnapshot materialize() {
    return new DocSnapshot(docId, text.toString(), version);
  }

  @Override
  public Plain portable() {
    return new Plain(docId, text.toString(), version);
  }

  /** A {@link DocText} as data, for another engine instance. */
  public record Plain(String docId, String text, long version) implements Portable.Restorable {
    @Override
    public DocText restore() {
      return new DocText(docId, new Rope(text).snapshot(), version);
    }
  }
}
