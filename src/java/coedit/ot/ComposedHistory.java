package coedit.ot;

import coedit.ot.TextOperation.Component;
import coedit.ot.TextOperation.Ins;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A document's accepted changes after a base version, with the composition of ranges of
 * them, so that a change made at any version v is transformed over everything accepted
 * since v in O(log m) transforms instead of m.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@code transformSince(v, c)} equals {@code Ot.transformOverHistory(c, changes v+1..head)},
 *       change for change, ties included. It rests on two laws of {@link Compose} that the
 *       properties in test/clj/coedit/ot_runs_test.clj check: composition is associative
 *       component for component, and transforming an incoming change over a composition
 *       equals transforming it over each part in turn (compose keeps each insert's gap).
 *   <li>{@code lengthDeltaSince(v)} is the sum of {@link Change#lengthDelta} over v+1..head.
 *   <li>Appending costs O(1) amortized and converts nothing: a change becomes an operation,
 *       and a range a composition, the first time a transform needs it, and stays so; each
 *       is converted and composed at most once however many stale changes cross it.
 *   <li>{@link #weight()} estimates the memory held; {@link #forgetBefore} frees it exactly
 *       up to a version.
 * </ul>
 *
 * <p>Layout: a sequence of perfect binary trees, oldest first, each node standing for its
 * range. Appending merges the last two trees while they are the same size (a binary
 * counter); forgetting drops whole trees and splits the oldest one, so the front may hold a
 * few smaller trees. The suffix v+1..head is the tail of the tree holding v+1 (at most log m
 * nodes down its spine) and the whole trees after it: O(log m) nodes, whose compositions cost
 * O(size of their ranges) the first time. Memory: a change per version, plus what transforms
 * made: each level at most the sum of the changes' sizes (less when edits run together, as
 * typing does).
 *
 * <p>Not thread-safe: one owner (a document's task, say) appends and queries.
 */
public final class ComposedHistory {
  /**
   * What a change or an operation component weighs, in code points of text: {@link #weight()}
   * counts the text inserted plus this much per change still in positional form and per
   * component of every operation made, about the memory each takes (a code point of text
   * takes two bytes).
   */
  public static final int UNIT_WEIGHT = 16;

  private static final class Node {
    static final long UNKNOWN = Long.MIN_VALUE;

    final long size;
    final Node left; // null for a leaf
    final Node right;
    Change change; // a leaf's change, until it becomes op
    TextOperation op; // the operation of the range, once a transform needed it
    long weight; // of change or op, whichever is held (0 for an internal node without op)
    long lengthDelta = UNKNOWN; // of the range, once a query needed it

    Node(Change change) {
      this.size = 1;
      this.left = null;
      this.right = null;
      this.change = change;
      this.weight = UNIT_WEIGHT + change.insertedCodePoints();
    }

    Node(Node left, Node right) {
      this.size = left.size + right.size;
      this.left = left;
      this.right = right;
    }

    long lengthDelta() {
      if (lengthDelta == UNKNOWN) {
        lengthDelta = left != null ? left.lengthDelta() + right.lengthDelta() : change.lengthDelta();
      }
      return lengthDelta;
    }
  }

  private final ArrayDeque<Node> trees = new ArrayDeque<>(); // oldest first, contiguous from baseVersion + 1
  private long baseVersion;
  private long headVersion;
  private long weight;

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

  /** About the memory held, in code points of text (see {@link #UNIT_WEIGHT}). */
  public long weight() {
    return weight;
  }

  /**
   * Records {@code accepted} as version headVersion() + 1. It must fit the document at
   * headVersion(); nothing is checked or converted here (the caller applied it).
   */
  public void append(Change accepted) {
    Node node = leaf(accepted);
    // Binary counter: two trees of one size become one of twice the size.
    while (!trees.isEmpty() && trees.peekLast().size == node.size) node = new Node(trees.pollLast(), node);
    trees.addLast(node);
    headVersion++;
  }

  /**
   * Records {@code older}, the changes of the versions just before the oldest held (the last
   * of them is baseVersion()'s), so the base moves back by their number. This is how changes
   * read from storage for one stale submission stay in transform-ready form for the next.
   */
  public void prepend(List<Change> older) {
    Ot.checked(older, "older");
    if (older.size() > baseVersion) {
      throw new IllegalArgumentException(older.size() + " older changes but the base version is " + baseVersion);
    }
    List<Node> front = new ArrayList<>();
    for (Change c : older) {
      Node node = leaf(c);
      while (!front.isEmpty() && front.get(front.size() - 1).size == node.size) {
        node = new Node(front.remove(front.size() - 1), node);
      }
      front.add(node);
    }
    for (int i = front.size() - 1; i >= 0; i--) trees.addFirst(front.get(i));
    baseVersion -= older.size();
  }

  /**
   * Forgets every change of a version at or before {@code version} (none if it is at or
   * below the base; all if at or past the head). Amortized O(log m) per change forgotten.
   */
  public void forgetBefore(long version) {
    while (!trees.isEmpty() && baseVersion < version) {
      Node oldest = trees.pollFirst();
      if (baseVersion + oldest.size <= version) {
        baseVersion += oldest.size;
        weight -= weightOf(oldest);
      } else {
        // Partly old: keep its halves as trees of their own; its composition goes.
        weight -= oldest.weight;
        trees.addFirst(oldest.right);
        trees.addFirst(oldest.left);
      }
    }
  }

  /**
   * {@code incoming}, made at {@code version}, transformed over every change since: equals
   * {@code Ot.transformOverHistory(incoming, changes version+1..head)}.
   *
   * @throws IllegalArgumentException unless {@code baseVersion() <= version <= headVersion()}
   */
  public Change transformSince(long version, Change incoming) {
    if (incoming == null) throw new InvalidChangeException("the incoming change is null");
    TextOperation in = TextOperation.fromChange(incoming);
    for (Node n : suffix(version)) in = Transform.transform(op(n), in)[1];
    return in.toChange();
  }

  /** How the changes since {@code version} altered the document's length, in code points. */
  public long lengthDeltaSince(long version) {
    long delta = 0;
    for (Node n : suffix(version)) delta += n.lengthDelta();
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

  private Node leaf(Change change) {
    if (change == null) throw new InvalidChangeException("the accepted change is null");
    Node node = new Node(change);
    weight += node.weight;
    return node;
  }

  /** The operation of {@code n}'s range, converted or composed now if no transform needed it before. */
  private TextOperation op(Node n) {
    if (n.op == null) {
      if (n.left == null) {
        n.lengthDelta();
        n.op = TextOperation.fromChange(n.change);
        n.change = null;
      } else {
        n.op = Compose.compose(op(n.left), op(n.right));
      }
      weight -= n.weight;
      n.weight = weightOf(n.op);
      weight += n.weight;
    }
    return n.op;
  }

  private static long weightOf(TextOperation op) {
    long w = 0;
    for (Component c : op.components()) w += UNIT_WEIGHT + (c instanceof Ins i ? i.cps() : 0);
    return w;
  }

  /** What {@code n}'s subtree adds to {@link #weight()}. */
  private static long weightOf(Node n) {
    return n == null ? 0 : n.weight + weightOf(n.left) + weightOf(n.right);
  }
}
