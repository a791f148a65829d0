package coedit.editor.data;

import coedit.ot.TextSnapshot;

/**
 * A document's text and version read together, with the text as an immutable snapshot:
 * taking it costs O(1) on the task that owns the document, and its {@code text().toString()}
 * (O(length)) runs on whichever thread needs the characters.
 */
public record DocText(String docId, TextSnapshot text, long version) {
  /** The text materialised, as a {@link DocSnapshot}. */
  public DocSnapshot materialize() {
    return new DocSnapshot(docId, text.toString(), version);
  }
}
