package coedit.engine.storage;

/** One stored entry. The arrays belong to the receiver; storage never reuses them. */
public record KV(byte[] key, byte[] value) {}
