package coedit.editor.data;

/**
 * The subkey of the idempotency index {@code $$submissions}: one client's submission number
 * within a document. Encoded so that subkeys sort by clientId, then by seq (see
 * {@link EditorCodecs#CLIENT_SEQ}).
 */
public record ClientSeq(String clientId, long seq) {}
