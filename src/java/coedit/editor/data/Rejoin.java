package coedit.editor.data;

/**
 * What a client whose version fell below a document's history horizon needs to rebase its
 * unacknowledged edits, read atomically: the text and version, the horizon, and the highest
 * seq of that client the document accepted (-1: none), which tells whether its in-flight
 * submission is already in the text.
 */
public record Rejoin(DocText text, long horizon, long lastSeq) {}
