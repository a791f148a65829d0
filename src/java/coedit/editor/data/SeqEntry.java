package coedit.editor.data;

/**
 * The value of an idempotency index entry in {@code $$submissions}: the version the
 * submission was accepted at, and the fingerprint of what was submitted (its base version
 * and change, {@link EditorCodecs#fingerprint}) so that a seq reused with different content
 * is told apart from a resubmission. {@code fingerprint} is null for entries written before
 * fingerprints were stored: those are answered as duplicates, as they always were.
 */
public record SeqEntry(long version, Long fingerprint) {}
