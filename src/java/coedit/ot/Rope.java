package coedit.ot;

/**
 * A mutable text indexed by Unicode code point: {@link #insert}, {@link #delete} and
 * {@link #substring} cost O(log n + size of the edit) (expected), whatever the document
 * length, and no operation can split a surrogate pair.
 *
 * <p>Structure: a treap (a binary tree ordered by position and heap-ordered by random
 * priority, so its expected depth is O(log n)) whose nodes each hold one chunk of text with
 * its code-point count, and the code-point and char totals of their subtree. Descending by
 * those totals finds the chunk holding any code point. Inside a chunk, an all-BMP chunk maps
 * code points to chars one to one (the fast path); a chunk holding surrogate pairs is
 * scanned, which is bounded by the chunk limit. Small edits happen in place in one chunk;
 * a chunk that would overflow is cut in two; larger edits split and re-merge the tree.
 *
 * <p>Snapshots: {@link #snapshot} costs O(1) and returns a {@link TextSnapshot} of the text as
 * it is, which any thread may read while the rope goes on changing: the rope copies a node
 * the snapshot shares before changing it (copy on write, by generation), so each edit after
 * a snapshot copies at most its O(log n) path once.
 *
 * <p>Not thread-safe. Invalid arguments throw {@link InvalidChangeException} (edits) or
 * {@link IndexOutOfBoundsException} (substring ranges) before anything changes.
 */
public final class Rope {
  static final int DEFAULT_CHUNK = 1024;

  /** Chunk limit in UTF-16 chars. */
  private final int maxChunk;
  private RopeNode root;
  /** The generation whose nodes this rope may change in place (see {@link RopeNode#gen}). */
  private int gen;
  private int seed = 0x2545F491;
  /** Results of {@link #split}, returned through fields to avoid allocating pairs. */
  private RopeNode splitLeft;
  private RopeNode splitRight;
  /** Nodes visited by the last in-place descent, root first. */
  private RopeNode[] path = new RopeNode[64];

  /** An empty rope. */
  public Rope() {
    this(DEFAULT_CHUNK);
  }

  /** A rope holding {@code text} (which must be valid Unicode: no unpaired surrogate). */
  public Rope(String text) {
    this(DEFAULT_CHUNK);
    if (text == null) throw new InvalidChangeException("a rope's initial text is null");
    if (!text.isEmpty()) insert(0, text);
  }

  /** An empty rope with chunks of at most {@code maxChunk} chars (tests use tiny chunks). */
  Rope(int maxChunk) {
    if (maxChunk < 8) throw new IllegalArgumentException("chunk limit must be at least 8, got " + maxChunk);
    this.maxChunk = maxChunk;
  }

  /** Length in code points; {@code length() == toString().codePointCount(...)}. */
  public int length() {
    return RopeNode.total(root);
  }

  /** Inserts {@code text} at code point {@code offset} (0..length()); law: as StringBuilder.insert by code point. */
  public void insert(int offset, String text) {
    Insert edit = new Insert(offset, text);
    insertValid(offset, text, Validation.check(-1, edit, length()));
  }

  /** Deletes code points {@code [offset, offset + length)}; law: as StringBuilder.delete by code point. */
  public void delete(int offset, int length) {
    Validation.check(-1, new Delete(offset, length), length());
    deleteValid(offset, length);
  }

  /** The text of code points {@code [from, to)}; law: {@code substring(0, length()).equals(toString())}. */
  public String substring(int from, int to) {
    int len = length();
    if (from < 0 || to < from || to > len) {
      throw new IndexOutOfBoundsException(
          "substring [" + from + ", " + to + ") is out of range for a rope of " + len + " code points");
    }
    StringBuilder out = new StringBuilder();
    collect(root, from, to, out);
    return out.toString();
  }

  /**
   * The text as it is now, in O(1): later edits of this rope do not change it, and it may
   * be read from any thread (handed over with a happens-before edge, e.g. a future).
   */
  public TextSnapshot snapshot() {
    gen++;
    return new TextSnapshot(root);
  }

  /** {@code n} if this generation owns it, else its copy (which the caller links in place of it). */
  private RopeNode own(RopeNode n) {
    return n == null || n.gen == gen ? n : n.copy(gen);
  }

  /** The whole text. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(root == null ? 0 : root.totalChars);
    collect(root, 0, length(), out);
    return out.toString();
  }

  // ---- edits, already validated (Ot.apply validates a whole change first) ----

  void insertValid(int offset, String text, int textCps) {
    if (text.length() <= maxChunk / 4) {
      // Cutting the target chunk in half always leaves room for a quarter-chunk, and the
      // retry lands in one of the halves (see descend), so this loops at most twice.
      while (!insertInPlace(offset, text, textCps)) {
        cutFullChunk(offset);
      }
      return;
    }
    split(root, offset);
    RopeNode right = splitRight;
    root = merge(merge(splitLeft, build(text)), right);
  }

  void deleteValid(int offset, int length) {
    if (deleteInPlace(offset, length)) return;
    split(root, offset);
    RopeNode head = splitLeft;
    split(splitRight, length);
    root = joinSeam(head, splitRight);
  }

  // ---- in-place fast paths ----

  /** Length of {@link #path} in use, and the chunk-local offset, after a descent. */
  private int pathLength;
  private int local;

  /**
   * Walks to the leftmost chunk whose range [start, end] contains code point {@code k},
   * recording the path; leaves the chunk-local offset in {@link #local}.
   */
  private RopeNode descend(int k) {
    RopeNode n = root = own(root);
    pathLength = 0;
    while (true) {
      push(n);
      RopeNode l = n.left;
      if (l != null && k <= l.total) {
        n = n.left = own(l);
        continue;
      }
      if (l != null) k -= l.total;
      if (k <= n.cps) {
        local = k;
        return n;
      }
      k -= n.cps;
      n = n.right = own(n.right);
    }
  }

  private boolean insertInPlace(int offset, String text, int textCps) {
    if (root == null) {
      root = build(text);
      return true;
    }
    RopeNode n = descend(offset);
    int add = text.length();
    if (n.chars + add > maxChunk) return false;
    n.insert(local, text, textCps);
    for (int i = 0; i < pathLength; i++) {
      path[i].total += textCps;
      path[i].totalChars += add;
    }
    return true;
  }

  /** Cuts the chunk that an insert at {@code offset} targets into two halves. */
  private void cutFullChunk(int offset) {
    RopeNode n = descend(offset);
    int start = offset - local;
    int mid = n.chars / 2;
    if (Character.isLowSurrogate(n.buf[mid]) && Character.isHighSurrogate(n.buf[mid - 1])) mid++;
    int midCps = n.chars == n.cps ? mid : Character.codePointCount(n.buf, 0, mid);
    split(root, start + midCps);
    root = merge(splitLeft, splitRight);
  }

  /** Deletes in place when the range lies inside one chunk and leaves it non-empty. */
  private boolean deleteInPlace(int offset, int length) {
    RopeNode n = root = own(root);
    int k = offset;
    pathLength = 0;
    while (true) {
      push(n);
      RopeNode l = n.left;
      int ls = l == null ? 0 : l.total;
      if (k + length <= ls) {
        n = n.left = own(l);
        continue;
      }
      if (k < ls) return false;
      k -= ls;
      if (k >= n.cps) {
        k -= n.cps;
        n = n.right = own(n.right);
        continue;
      }
      // Spanning into the next chunk, or emptying this one: the split path handles both.
      if (k + length > n.cps || length == n.cps) return false;
      break;
    }
    int removed = n.delete(k, k + length);
    for (int i = 0; i < pathLength; i++) {
      path[i].total -= length;
      path[i].totalChars -= removed;
    }
    return true;
  }

  private void push(RopeNode n) {
    if (pathLength == path.length) path = java.util.Arrays.copyOf(path, pathLength * 2);
    path[pathLength++] = n;
  }

  // ---- treap split / merge ----

  /** Splits tree {@code t} at code point {@code k} into {@link #splitLeft} and {@link #splitRight}. */
  private void split(RopeNode t, int k) {
    if (t == null) {
      splitLeft = null;
      splitRight = null;
      return;
    }
    t = own(t);
    int ls = RopeNode.total(t.left);
    if (k <= ls) {
      split(t.left, k);
      t.left = splitRight;
      t.update();
      splitRight = t;
      return;
    }
    int end = ls + t.cps;
    if (k >= end) {
      split(t.right, k - end);
      t.right = splitLeft;
      t.update();
      splitLeft = t;
      return;
    }
    // k falls inside t's chunk: t keeps the head; the tail gets a fresh priority and is
    // merged with t's right subtree, so both halves stay heap-ordered.
    RopeNode tail = t.cutAt(k - ls, nextPriority());
    tail.gen = gen;
    RopeNode right = t.right;
    t.right = null;
    t.update();
    splitLeft = t;
    splitRight = merge(tail, right);
  }

  /** Concatenates two trees: every position of {@code a} comes before every one of {@code b}. */
  private RopeNode merge(RopeNode a, RopeNode b) {
    if (a == null) return b;
    if (b == null) return a;
    if (a.priority > b.priority) {
      a = own(a);
      a.right = merge(a.right, b);
      a.update();
      return a;
    }
    b = own(b);
    b.left = merge(a, b.left);
    b.update();
    return b;
  }

  /**
   * Merges {@code a} and {@code b}, first joining the chunks that meet at the seam when both
   * are small, so that repeated range deletes do not leave a trail of tiny chunks.
   */
  private RopeNode joinSeam(RopeNode a, RopeNode b) {
    if (a == null || b == null) return a == null ? b : a;
    RopeNode last = a;
    while (last.right != null) last = last.right;
    RopeNode first = b;
    while (first.left != null) first = first.left;
    if (last.chars + first.chars <= maxChunk / 2) {
      a = appendToLast(a, first);
      b = removeFirst(b);
    }
    return merge(a, b);
  }

  private RopeNode appendToLast(RopeNode t, RopeNode chunk) {
    t = own(t);
    if (t.right == null) {
      t.append(chunk);
    } else {
      t.right = appendToLast(t.right, chunk);
    }
    t.update();
    return t;
  }

  private RopeNode removeFirst(RopeNode t) {
    if (t.left == null) return t.right;
    t = own(t);
    t.left = removeFirst(t.left);
    t.update();
    return t;
  }

  /** A tree holding {@code text} in chunks of about half the limit (room to grow in place). */
  private RopeNode build(String text) {
    int step = Math.max(2, maxChunk / 2);
    RopeNode t = null;
    int n = text.length();
    for (int at = 0; at < n; ) {
      int end = Math.min(n, at + step);
      if (end < n && Character.isHighSurrogate(text.charAt(end - 1))) end--;
      char[] buf = new char[Math.max(end - at, 16)];
      text.getChars(at, end, buf, 0);
      RopeNode chunk = new RopeNode(nextPriority(), buf, end - at, Character.codePointCount(text, at, end));
      chunk.gen = gen;
      t = merge(t, chunk);
      at = end;
    }
    return t;
  }

  private int nextPriority() {
    // xorshift32: deterministic, so a rope's shape is reproducible from its edit sequence.
    int x = seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    seed = x;
    return x;
  }

  /** Appends code points {@code [from, to)} of subtree {@code t} (relative to its start). */
  static void collect(RopeNode t, int from, int to, StringBuilder out) {
    while (t != null && from < to) {
      int ls = RopeNode.total(t.left);
      if (from < ls) collect(t.left, from, Math.min(to, ls), out);
      int end = ls + t.cps;
      int a = Math.max(from, ls);
      int b = Math.min(to, end);
      if (a < b) t.appendTo(out, a - ls, b - ls);
      if (to <= end) return;
      from = Math.max(0, from - end);
      to -= end;
      t = t.right;
    }
  }

  /** Depth of the tree (for tests of the balance guarantee). */
  int depth() {
    return depthOf(root);
  }

  private static int depthOf(RopeNode t) {
    return t == null ? 0 : 1 + Math.max(depthOf(t.left), depthOf(t.right));
  }

  /** Number of chunks (for tests). */
  int chunks() {
    return countOf(root);
  }

  private static int countOf(RopeNode t) {
    return t == null ? 0 : 1 + countOf(t.left) + countOf(t.right);
  }
}
