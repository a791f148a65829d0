package coedit.ot;

/**
 * A rope's text at one moment ({@link Rope#snapshot}): immutable, readable from any thread,
 * and O(1) to take, so the thread that owns a rope can hand its text to others without
 * copying it. Reading it costs O(length).
 */
public final class TextSnapshot {
  private final RopeNode root;

  TextSnapshot(RopeNode root) {
    this.root = root;
  }

  /** Length in code points. */
  public int length() {
    return RopeNode.total(root);
  }

  /** The text. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(root == null ? 0 : root.totalChars);
    Rope.collect(root, 0, length(), out);
    return out.toString();
  }
}
