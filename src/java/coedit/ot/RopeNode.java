package coedit.ot;

/**
 * One node of a {@link Rope}: a chunk of UTF-16 text plus the totals of its subtree.
 * Invariants: a chunk is never empty, never starts or ends inside a surrogate pair, and
 * holds at most the rope's chunk limit of chars; {@code cps == chars} exactly when the
 * chunk is all-BMP, which makes code point and char indexes the same (the fast path).
 */
final class RopeNode {
  /**
   * The rope generation that owns this node. A rope mutates only nodes of its current
   * generation; a snapshot starts a new one, so nodes a snapshot can see are copied before
   * they change and the snapshot stays as it was.
   */
  int gen;
  RopeNode left;
  RopeNode right;
  final int priority;
  char[] buf;
  int chars;
  int cps;
  /** Code points in this subtree. */
  int total;
  /** UTF-16 chars in this subtree. */
  int totalChars;

  RopeNode(int priority, char[] buf, int chars, int cps) {
    this.priority = priority;
    this.buf = buf;
    this.chars = chars;
    this.cps = cps;
    this.total = cps;
    this.totalChars = chars;
  }

  /** A copy owned by generation {@code gen}: same children, totals and text (its own array). */
  RopeNode copy(int gen) {
    RopeNode c = new RopeNode(priority, buf.clone(), chars, cps);
    c.left = left;
    c.right = right;
    c.total = total;
    c.totalChars = totalChars;
    c.gen = gen;
    return c;
  }

  static int total(RopeNode n) {
    return n == null ? 0 : n.total;
  }

  /** Recomputes the subtree totals from the children; call after any child changes. */
  void update() {
    int t = cps;
    int c = chars;
    if (left != null) {
      t += left.total;
      c += left.totalChars;
    }
    if (right != null) {
      t += right.total;
      c += right.totalChars;
    }
    total = t;
    totalChars = c;
  }

  /** The char index in this chunk where code point {@code cp} starts. */
  int charIndex(int cp) {
    if (chars == cps) return cp;
    int i = 0;
    for (int k = 0; k < cp; k++) {
      i += Character.isHighSurrogate(buf[i]) ? 2 : 1;
    }
    return i;
  }

  /** Inserts {@code text} ({@code textCps} code points) at code point {@code cp} of the chunk. */
  void insert(int cp, String text, int textCps) {
    int at = charIndex(cp);
    int n = text.length();
    ensureCapacity(chars + n);
    System.arraycopy(buf, at, buf, at + n, chars - at);
    text.getChars(0, n, buf, at);
    chars += n;
    cps += textCps;
  }

  /** Removes code points {@code [from, to)} of the chunk; returns the chars removed. */
  int delete(int from, int to) {
    int a = charIndex(from);
    int b = chars == cps ? to : a + charsIn(a, to - from);
    System.arraycopy(buf, b, buf, a, chars - b);
    chars -= b - a;
    cps -= to - from;
    return b - a;
  }

  /**
   * Cuts the chunk at code point {@code cp} (strictly inside it): this node keeps the head,
   * the returned new node (no children) holds the tail.
   */
  RopeNode cutAt(int cp, int newPriority) {
    int at = charIndex(cp);
    int n = chars - at;
    char[] tail = new char[Math.max(n, 16)];
    System.arraycopy(buf, at, tail, 0, n);
    RopeNode t = new RopeNode(newPriority, tail, n, cps - cp);
    chars = at;
    cps = cp;
    return t;
  }

  /** Appends the chunk of {@code other} to this chunk (children untouched). */
  void append(RopeNode other) {
    ensureCapacity(chars + other.chars);
    System.arraycopy(other.buf, 0, buf, chars, other.chars);
    chars += other.chars;
    cps += other.cps;
  }

  /** Appends code points {@code [from, to)} of this chunk to {@code out}. */
  void appendTo(StringBuilder out, int from, int to) {
    int a = charIndex(from);
    int b = chars == cps ? to : a + charsIn(a, to - from);
    out.append(buf, a, b - a);
  }

  /** UTF-16 chars taken by the {@code count} code points starting at char index {@code at}. */
  private int charsIn(int at, int count) {
    int i = at;
    for (int k = 0; k < count; k++) {
      i += Character.isHighSurrogate(buf[i]) ? 2 : 1;
    }
    return i - at;
  }

  private void ensureCapacity(int needed) {
    if (needed > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
    }
  }
}
