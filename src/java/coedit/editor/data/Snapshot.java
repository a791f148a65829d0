package coedit.editor.data;

/**
 * A document's full text at {@code version}: the value of {@code $$snapshots}. It is written
 * every so many versions, not on every edit; the text at a later version is this text with
 * the {@code $$history} entries after {@code version} applied.
 */
public record Snapshot(long version, String text) {
  /** The state of every document before its first edit. */
  public static final Snapshot EMPTY = new Snapshot(0, "");
}
