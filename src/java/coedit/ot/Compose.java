package coedit.ot;

import coedit.ot.TextOperation.Ins;

/** Composition of operations (ot.js {@code TextOperation.compose}), linear in their sizes. */
final class Compose {
  private Compose() {}

  /** apply(apply(S, a), b) == apply(S, compose(a, b)). */
  static TextOperation compose(TextOperation a, TextOperation b) {
    TextOperation out = new TextOperation();
    Cursor x = new Cursor(a);
    Cursor y = new Cursor(b);
    while (!x.done() || !y.done()) {
      // b's inserts touch nothing of a's output: they pass through. One made where a
      // deleted a range goes before that range: text inserted after a delete sits at the
      // start of the collapsed range (as transforming over a, then b, would place it).
      if (y.current() instanceof Ins i) {
        out.insert(i);
        y.consume(i.cps());
        continue;
      }
      // a's deletes happened first and b never saw that text: they pass through.
      if (x.atDelete()) {
        int n = x.size();
        out.delete(n);
        x.consume(n);
        continue;
      }
      // Now x is a retain or an insert (or the infinite retain), y a retain or a delete
      // (or the infinite retain), and both walk a's output: advance by the shorter.
      int m = Math.min(x.size(), y.size());
      boolean bDeletes = y.atDelete();
      if (x.atInsert()) {
        // Text a inserted and b kept survives; text a inserted and b deleted never existed.
        if (!bDeletes) out.insert(x.insertPrefix(m), m);
      } else if (bDeletes) {
        out.delete(m);
      } else {
        out.retain(m);
      }
      x.consume(m);
      y.consume(m);
    }
    return out.trimmed();
  }
}
