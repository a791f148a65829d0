package coedit.editor.data;

/** A document's text and version, read together (the article's doc+version query). */
public record DocSnapshot(String docId, String text, long version) {}
