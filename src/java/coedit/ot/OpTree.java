package coedit.ot;

import coedit.ot.TextOperation.Component;
import coedit.ot.TextOperation.Del;
import coedit.ot.TextOperation.Ins;
import coedit.ot.TextOperation.Retain;

/**
 * A mutable operation held as a balanced tree (a treap) of its components, each subtree
 * knowing how much input and output it spans, so a small operation can be transformed
 * against it by touching only the components it lands on: the rest passes through as
 * whole subtrees.
 *
 * <p>Law: {@code t = OpTree.of(b); a' = t.transformAccepted(a)} gives exactly
 * {@code Transform.transform(a, b)}: {@code a'} is its first result and {@code t.toOperation()}
 * its second, component for component (ties included). Each call costs O(|a| log |b|) plus
 * the components of b inside ranges a deletes, which disappear or merge, so a run of m
 * changes costs O(|b| + (sum of their sizes) · log |b|) instead of O(m · |b|).
 *
 * <p>The tree may hold adjacent components of one kind (two retains, say) and a trailing
 * retain; transform's walk gives the same result on such pieces, and {@link #toOperation}
 * joins them into the canonical form.
 */
final class OpTree {

  private static final class Node {
    Component c;
    int ownIn; // input code points of c: a retain's or a delete's n
    int ownOut; // output code points of c: a retain's n or an insert's length
    final int priority;
    Node left;
    Node right;
    long in; // input code points of the subtree
    long out; // output code points of the subtree

    Node(Component c, int priority) {
      this.priority = priority;
      set(c);
    }

    void set(Component component) {
      c = component;
      ownIn = inLength(component);
      ownOut = outLength(component);
      update();
    }

    void update() {
      in = ownIn;
      out = ownOut;
      if (left != null) {
        in += left.in;
        out += left.out;
      }
      if (right != null) {
        in += right.in;
        out += right.out;
      }
    }
  }

  private Node root;
  // The two halves of the last split (set by split, to spare an array per level).
  private Node splitLeft;
  private Node splitRight;
  private Node[] path = new Node[64]; // editInsideRetain's way down
  private int seed = 0x9E3779B9; // fixed: the shape, never the result, depends on priorities

  private OpTree() {}

  /** The tree of {@code op}'s components, built in O(|op|). */
  static OpTree of(TextOperation op) {
    OpTree t = new OpTree();
    // Cartesian tree by priority over the components in order: a stack holds the right spine.
    Node[] spine = new Node[op.components().size() + 1];
    int top = 0;
    for (Component c : op.components()) {
      Node n = new Node(c, t.nextPriority());
      Node last = null;
      while (top > 0 && spine[top - 1].priority < n.priority) last = spine[--top];
      n.left = last;
      if (top > 0) spine[top - 1].right = n;
      spine[top++] = n;
    }
    t.root = top > 0 ? spine[0] : null;
    updateAll(t.root);
    return t;
  }

  /** The operation this tree holds, in canonical form; O(size). */
  TextOperation toOperation() {
    TextOperation op = new TextOperation();
    appendTo(root, op);
    return op.trimmed();
  }

  /**
   * Replaces this operation b by b' and returns a', where (a', b') = transform(a, b): a was
   * accepted first (its inserts win ties) and both were made on the same document.
   */
  TextOperation transformAccepted(TextOperation a) {
    TextOperation inside = editInsideRetain(a);
    if (inside != null) return inside;
    TextOperation aPrime = new TextOperation();
    Node done = null; // b' so far
    Node rest = root; // b from where a's walk has reached
    for (Component c : a.components()) {
      if (c instanceof Ins i) {
        // a's insert comes first at its position (the tie rule); b' keeps the new text.
        aPrime.insert(i);
        done = merge(done, leaf(new Retain(i.cps())));
      } else if (c instanceof Retain r) {
        // Where a keeps the text, b's components pass through unchanged and a' skips their output.
        split(rest, r.n());
        Node kept = splitLeft;
        rest = splitRight;
        long beyond = r.n() - in(kept); // past b's last component: b's implicit retain
        aPrime.retain(Math.toIntExact(out(kept) + beyond));
        done = merge(done, kept);
        if (beyond > 0) done = merge(done, leaf(new Retain((int) beyond)));
      } else {
        // a deletes: text b kept is deleted by a', text b deleted too is gone from both, and
        // b's inserts there survive (a' keeps them) and run together in b'.
        Del d = (Del) c;
        split(rest, d.n());
        Node deleted = splitLeft;
        rest = splitRight;
        long beyond = d.n() - in(deleted);
        StringBuilder inserted = new StringBuilder();
        int insertedCps = deleteOver(deleted, aPrime, inserted);
        if (insertedCps > 0) done = merge(done, leaf(new Ins(inserted.toString(), insertedCps)));
        if (beyond > 0) aPrime.delete((int) beyond);
      }
    }
    root = merge(done, rest);
    return aPrime.trimmed();
  }

  /**
   * The common case in one descent, without restructuring: a is one insert or one delete,
   * and b retains the code point before it (and, for a delete, all it deletes). Then a'
   * is a at its place in b's output, and b' is b with that retain longer or shorter (what
   * the general walk yields too). Returns null, changing nothing, in any other case.
   */
  private TextOperation editInsideRetain(TextOperation a) {
    var cs = a.components();
    if (cs.size() != 2 || !(cs.get(0) instanceof Retain r)) return null;
    long p = r.n();
    Component edit = cs.get(1);
    // Find the component covering input code point p - 1, remembering the path to it.
    int depth = 0;
    long start = 0; // input offset where the current subtree starts
    long outBefore = 0; // output code points before the current subtree
    Node t = root;
    while (t != null) {
      if (depth == path.length) path = java.util.Arrays.copyOf(path, depth * 2);
      path[depth++] = t;
      long own = start + in(t.left);
      if (p - 1 < own) {
        t = t.left;
      } else if (p - 1 >= own + t.ownIn) {
        start = own + t.ownIn;
        outBefore += out(t.left) + t.ownOut;
        t = t.right;
      } else {
        outBefore += out(t.left);
        start = own;
        break;
      }
    }
    if (t == null || !(t.c instanceof Retain kept)) return null;
    int delta;
    TextOperation aPrime = new TextOperation().retain(Math.toIntExact(outBefore + p - start));
    if (edit instanceof Ins i) {
      aPrime.insert(i);
      delta = i.cps();
    } else {
      int n = ((Del) edit).n();
      if (p + n > start + kept.n()) return null; // the delete reaches past this retain
      aPrime.delete(n);
      delta = -n;
    }
    t.set(new Retain(kept.n() + delta));
    for (int i = 0; i < depth - 1; i++) {
      path[i].in += delta;
      path[i].out += delta;
    }
    return aPrime;
  }

  /** In order over the components of b inside a range a deletes: what a' does with each. */
  private static int deleteOver(Node t, TextOperation aPrime, StringBuilder inserted) {
    if (t == null) return 0;
    int cps = deleteOver(t.left, aPrime, inserted);
    if (t.c instanceof Ins i) {
      aPrime.retain(i.cps());
      inserted.append(i.text());
      cps += i.cps();
    } else if (t.c instanceof Retain r) {
      aPrime.delete(r.n());
    }
    return cps + deleteOver(t.right, aPrime, inserted);
  }

  /**
   * Splits {@code t} into {@link #splitLeft}, the components covering input [0, p), and
   * {@link #splitRight}, the rest; a component straddling p is cut in two, and an insert
   * exactly at p goes right (transform handles an insert at the end of a range with what
   * follows the range).
   */
  private void split(Node t, long p) {
    if (t == null) {
      splitLeft = null;
      splitRight = null;
      return;
    }
    long start = in(t.left);
    if (p <= start) {
      split(t.left, p);
      t.left = splitRight;
      t.update();
      splitRight = t;
      return;
    }
    long end = start + t.ownIn;
    if (end <= p) {
      split(t.right, p - end);
      t.right = splitLeft;
      t.update();
      splitLeft = t;
      return;
    }
    // start < p < end: a retain or a delete straddles p.
    int head = (int) (p - start);
    int tail = (int) (end - p);
    boolean retain = t.c instanceof Retain;
    Node right = t.right;
    t.right = null;
    t.set(retain ? new Retain(head) : new Del(head));
    splitLeft = t;
    splitRight = merge(leaf(retain ? new Retain(tail) : new Del(tail)), right);
  }

  /** The tree of a's components followed by b's. */
  private static Node merge(Node a, Node b) {
    if (a == null) return b;
    if (b == null) return a;
    if (a.priority > b.priority) {
      a.right = merge(a.right, b);
      a.update();
      return a;
    }
    b.left = merge(a, b.left);
    b.update();
    return b;
  }

  private Node leaf(Component c) {
    return new Node(c, nextPriority());
  }

  private int nextPriority() {
    // xorshift32: cheap, and good enough to keep the expected depth logarithmic.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed;
  }

  private static void updateAll(Node t) {
    if (t == null) return;
    updateAll(t.left);
    updateAll(t.right);
    t.update();
  }

  private static void appendTo(Node t, TextOperation op) {
    if (t == null) return;
    appendTo(t.left, op);
    if (t.c instanceof Retain r) op.retain(r.n());
    else if (t.c instanceof Ins i) op.insert(i);
    else op.delete(((Del) t.c).n());
    appendTo(t.right, op);
  }

  private static long in(Node t) {
    return t == null ? 0 : t.in;
  }

  private static long out(Node t) {
    return t == null ? 0 : t.out;
  }

  private static int inLength(Component c) {
    if (c instanceof Retain r) return r.n();
    if (c instanceof Del d) return d.n();
    return 0;
  }

  private static int outLength(Component c) {
    if (c instanceof Retain r) return r.n();
    if (c instanceof Ins i) return i.cps();
    return 0;
  }
}
