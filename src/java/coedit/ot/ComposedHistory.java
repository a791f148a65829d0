package coedit.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * A document's accepted changes after a base version, kept in transform-ready form together
 * with the composition of ranges of them, so that a change made at any version v is
 * transformed over everything accepted since v in O(log m) transforms instead of m.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@code transformSince(v, c)} equals {@code Ot.transformOverHistory(c, changes v+1..head)},
 *       change for change, ties included. It rests on two laws of {@link Compose} that the
 *       properties in test/clj/coedit/ot_runs_test.clj check: composition is associative
 *       component for component, and transforming an incoming change over a composition
 *       equals transforming it over each part in turn (compose keeps each insert's gap).
 *   <li>{@code lengthDeltaSince(v)} is the sum of {@link Change#lengthDelta} over v+1..head.
 *   <li>Each change is converted to its operation once, when appended.
 * </ul>
 *
 * <p>Layout: a binary counter of perfect binary trees, oldest and largest first; each node
 * holds the composition of its range. Appending merges the last two trees while they are
 * the same size, so an append costs O(log m) compositions amortized. The suffix v+1..head
 * is the tail of the tree holding v+1 (at most log m nodes down its spine) and the whole
 * trees after it. Memory: each level holds at most the sum of the changes' sizes (less when
 * edits run together, as typing does), so O(m log m) components in the worst case.
 *
 * <p>Not thread-safe: one owner (a document's task, say) appends and queries.
 */
public final class ComposedHistory {

  private static final class Node {
    final TextOperation op;
    final long size;
    final long lengthDelta;
    final Node left;
    final Node right;

    Node(TextOperation op, long lengthDelta) {
      this.op = op;
      this.size = 1;
      this.lengthDelta = lengthDelta;
      this.left = null;
      this.right = null;
    }

    Node(Node left, Node right) {
      this.op = Compose.compose(left.op, right.op);
      this.size = left.size + right.size;
      this.lengthDelta = left.lengthDelta + right.lengthDelta;
      this.left = left;
      this.right = right;
    }
  }

  private final long baseVersion;
  private final List<Node> trees = new ArrayList<>(); // oldest first, contiguous from baseVersion + 1
  private long headVersion;

  /** An empty history of a document at {@code baseVersion}: the next change appended is baseVersion + 1. */
  public ComposedHistory(long baseVersion) {
    if (baseVersion < 0) throw new IllegalArgumentException("base version is negative: " + baseVersion);
    this.baseVersion = baseVersion;
    this.headVersion = baseVersion;
  }

  /** The version before the oldest change held; changes made at it or later can be transformed. */
  public long baseVersion() {
    return baseVersion;
  }

  /** The version the newest change held produced (baseVersion when empty). */
  public long headVersion() {
    return headVersion;
  }

  /**
   * Records {@code accepted} as version headVersion() + 1. It must fit the document at
   * headVersion() (not checked here: the caller applied it); each edit is checked on its own.
   */
  public void append(Change accepted) {
    if (accepted == null) throw new InvalidChangeException("the accepted change is null");
    Node node = new Node(TextOperation.fromChange(accepted), accepted.lengthDelta());
    // Binary counter: two trees of one size become one of twice the size.
    while (!trees.isEmpty() && trees.get(trees.size() - 1).size == node.size) {
      node = new Node(trees.remove(trees.size() - 1), node);
    }
    trees.add(node);
    headVersion++;
  }

  /**
   * {@code incoming}, made at {@code version}, transformed over every change since: equals
   * {@code Ot.transformOverHistory(incoming, changes version+1..head)}.
   *
   * @throws IllegalArgumentException unless baseVersion() <= version <= headVersion()
   */
  public Change transformSince(long version, Change incoming) {
    if (incoming == null) throw new InvalidChangeException("the incoming change is null");
    TextOperation in = TextOperation.fromChange(incoming);
    for (Node n : suffix(version)) in = Transform.transform(n.op, in)[1];
    return in.toChange();
  }

  /** How the changes since {@code version} altered the document's length, in code points. */
  public long lengthDeltaSince(long version) {
    long delta = 0;
    for (Node n : suffix(version)) delta += n.lengthDelta;
    return delta;
  }

  /** The nodes covering versions version+1..head, in order: O(log m) of them. */
  private List<Node> suffix(long version) {
    if (version < baseVersion || version > headVersion) {
      throw new IllegalArgumentException("version " + version + " is outside this history ["
          + baseVersion + ", " + headVersion + "]");
    }
    List<Node> out = new ArrayList<>();
    long first = version - baseVersion; // index of the first change to cross
    long lo = 0;
    for (Node tree : trees) {
      if (lo + tree.size > first) collect(tree, lo, first, out);
      lo += tree.size;
    }
    return out;
  }

  /** Adds the nodes covering indexes max(first, lo) .. lo + size - 1 of {@code n}'s range. */
  private static void collect(Node n, long lo, long first, List<Node> out) {
    if (first <= lo) {
      out.add(n);
      return;
    }
    long mid = lo + n.size / 2;
    if (first < mid) {
      collect(n.left, lo, first, out);
      out.add(n.right);
    } else {
      collect(n.right, mid, first, out);
    }
  }
}
