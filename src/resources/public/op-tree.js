// An operation held as a balanced tree (a treap) of its components, each subtree knowing
// how much input and output it spans, so a small operation transforms against it where it
// lands and the rest passes through as whole subtrees: the browser's twin of the Java core's
// OpTree. Components are ot.js's: retain {r: n}, insert {i: text, n: codePoints}, delete {d: n}.
//
// Law: with t = OpTree.of(b), t.transformAccepted(a) returns exactly a' of ot.js's
// transformOps(a, b) and leaves t holding b' (t.toOps()), component for component, ties
// included. A run of m small changes against b costs O(|b| + m log |b|), not O(m · |b|).

const inLength = (c) => c.r ?? c.d ?? 0;
const outLength = (c) => c.r ?? (c.i !== undefined ? c.n : 0);

/** Appends a component in ot.js's canonical form: no empty ones, neighbours of one kind joined. */
function push(ops, c) {
  if (inLength(c) === 0 && outLength(c) === 0) return;
  const last = ops[ops.length - 1];
  if (last && c.r !== undefined && last.r !== undefined) ops[ops.length - 1] = { r: last.r + c.r };
  else if (last && c.d !== undefined && last.d !== undefined) ops[ops.length - 1] = { d: last.d + c.d };
  else if (last && c.i !== undefined && last.i !== undefined) ops[ops.length - 1] = { i: last.i + c.i, n: last.n + c.n };
  else ops.push(c);
}

function trimmed(ops) {
  if (ops.length > 0 && ops[ops.length - 1].r !== undefined) ops.pop();
  return ops;
}

class Node {
  constructor(c, priority) {
    this.priority = priority;
    this.left = null;
    this.right = null;
    this.set(c);
  }

  set(c) {
    this.c = c;
    this.ownIn = inLength(c);
    this.ownOut = outLength(c);
    this.update();
  }

  update() {
    this.in = this.ownIn + (this.left ? this.left.in : 0) + (this.right ? this.right.in : 0);
    this.out = this.ownOut + (this.left ? this.left.out : 0) + (this.right ? this.right.out : 0);
  }
}

const inOf = (t) => (t ? t.in : 0);
const outOf = (t) => (t ? t.out : 0);

function merge(a, b) {
  if (!a) return b;
  if (!b) return a;
  if (a.priority > b.priority) {
    a.right = merge(a.right, b);
    a.update();
    return a;
  }
  b.left = merge(a, b.left);
  b.update();
  return b;
}

export class OpTree {
  constructor() {
    this.root = null;
    this.seed = 0x9e3779b9 | 0; // fixed: the shape, never the result, depends on priorities
  }

  /** The tree of `ops`' components, built in O(|ops|). */
  static of(ops) {
    const t = new OpTree();
    // Cartesian tree by priority over the components in order: a stack holds the right spine.
    const spine = [];
    for (const c of ops) {
      const n = new Node(c, t.nextPriority());
      let last = null;
      while (spine.length > 0 && spine[spine.length - 1].priority < n.priority) last = spine.pop();
      n.left = last;
      if (spine.length > 0) spine[spine.length - 1].right = n;
      spine.push(n);
    }
    t.root = spine.length > 0 ? spine[0] : null;
    updateAll(t.root);
    return t;
  }

  /** The operation held, in canonical form. */
  toOps() {
    const ops = [];
    const walk = (t) => {
      if (!t) return;
      walk(t.left);
      push(ops, t.c);
      walk(t.right);
    };
    walk(this.root);
    return trimmed(ops);
  }

  /**
   * Replaces this operation b by b' and returns a', where [a', b'] = transformOps(a, b): a
   * was accepted first (its inserts win ties) and both were made on the same text.
   */
  transformAccepted(a) {
    const inside = this.editInsideRetain(a);
    if (inside) return inside;
    const aPrime = [];
    let done = null; // b' so far
    let rest = this.root; // b from where a's walk has reached
    for (const c of a) {
      if (c.i !== undefined) {
        // a's insert comes first at its position (the tie rule); b' keeps the new text.
        push(aPrime, c);
        done = merge(done, this.leaf({ r: c.n }));
      } else if (c.r !== undefined) {
        // Where a keeps the text, b passes through unchanged and a' skips its output.
        const [kept, after] = this.split(rest, c.r);
        const beyond = c.r - inOf(kept); // past b's last component: b's implicit retain
        push(aPrime, { r: outOf(kept) + beyond });
        done = merge(done, kept);
        if (beyond > 0) done = merge(done, this.leaf({ r: beyond }));
        rest = after;
      } else {
        // a deletes: text b kept is deleted by a', text b deleted too is gone from both, and
        // b's inserts there survive (a' keeps them) and run together in b'.
        const [deleted, after] = this.split(rest, c.d);
        const beyond = c.d - inOf(deleted);
        let text = '';
        let cps = 0;
        const walk = (t) => {
          if (!t) return;
          walk(t.left);
          if (t.c.i !== undefined) {
            push(aPrime, { r: t.c.n });
            text += t.c.i;
            cps += t.c.n;
          } else if (t.c.r !== undefined) {
            push(aPrime, { d: t.c.r });
          }
          walk(t.right);
        };
        walk(deleted);
        if (cps > 0) done = merge(done, this.leaf({ i: text, n: cps }));
        if (beyond > 0) push(aPrime, { d: beyond });
        rest = after;
      }
    }
    this.root = merge(done, rest);
    return trimmed(aPrime);
  }

  /**
   * The common case in one descent: a is one insert or one delete and b retains the code
   * point before it (and, for a delete, all it deletes); b's retain grows or shrinks. Returns
   * null, changing nothing, in any other case.
   */
  editInsideRetain(a) {
    if (a.length !== 2 || a[0].r === undefined) return null;
    const p = a[0].r;
    const edit = a[1];
    const path = [];
    let start = 0;
    let outBefore = 0;
    let t = this.root;
    while (t) {
      path.push(t);
      const own = start + inOf(t.left);
      if (p - 1 < own) {
        t = t.left;
      } else if (p - 1 >= own + t.ownIn) {
        start = own + t.ownIn;
        outBefore += outOf(t.left) + t.ownOut;
        t = t.right;
      } else {
        outBefore += outOf(t.left);
        start = own;
        break;
      }
    }
    if (!t || t.c.r === undefined) return null;
    const aPrime = [];
    push(aPrime, { r: outBefore + p - start });
    let delta;
    if (edit.i !== undefined) {
      push(aPrime, edit);
      delta = edit.n;
    } else {
      if (p + edit.d > start + t.c.r) return null; // the delete reaches past this retain
      push(aPrime, edit);
      delta = -edit.d;
    }
    t.set({ r: t.c.r + delta });
    for (let i = 0; i < path.length - 1; i++) {
      path[i].in += delta;
      path[i].out += delta;
    }
    return aPrime;
  }

  /**
   * [the components covering input [0, p), the rest]; a component straddling p is cut in
   * two, and an insert exactly at p goes right (transform handles an insert at the end of a
   * range with what follows the range).
   */
  split(t, p) {
    if (!t) return [null, null];
    const start = inOf(t.left);
    if (p <= start) {
      const [l, r] = this.split(t.left, p);
      t.left = r;
      t.update();
      return [l, t];
    }
    const end = start + t.ownIn;
    if (end <= p) {
      const [l, r] = this.split(t.right, p - end);
      t.right = l;
      t.update();
      return [t, r];
    }
    // start < p < end: a retain or a delete straddles p.
    const retain = t.c.r !== undefined;
    const right = t.right;
    t.right = null;
    t.set(retain ? { r: p - start } : { d: p - start });
    return [t, merge(this.leaf(retain ? { r: end - p } : { d: end - p }), right)];
  }

  leaf(c) {
    return new Node(c, this.nextPriority());
  }

  nextPriority() {
    // xorshift32: cheap, and enough to keep the expected depth logarithmic.
    let s = this.seed;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.seed = s | 0;
    return this.seed;
  }
}

function updateAll(t) {
  if (!t) return;
  updateAll(t.left);
  updateAll(t.right);
  t.update();
}
