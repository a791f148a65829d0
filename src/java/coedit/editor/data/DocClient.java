package coedit.editor.data;

/**
 * One client of one user ({@code author} null: the open mode's anonymous user) on a document:
 * the argument of the editor's {@code doc-rejoin} query.
 */
public record DocClient(String docId, String author, String clientId) {}
