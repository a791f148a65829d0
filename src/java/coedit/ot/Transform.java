package coedit.ot;

import coedit.ot.TextOperation.Del;
import coedit.ot.TextOperation.Ins;

/** Transformation of concurrent operations (ot.js {@code TextOperation.transform}), linear. */
final class Transform {
  private Transform() {}

  /**
   * For a and b made on the same document, returns {a', b'} with
   * apply(apply(S, a), b') == apply(apply(S, b), a'); on tied inserts a's text comes first.
   */
  static TextOperation[] transform(TextOperation a, TextOperation b) {
    TextOperation aPrime = new TextOperation();
    TextOperation bPrime = new TextOperation();
    Cursor x = new Cursor(a);
    Cursor y = new Cursor(b);
    while (!x.done() || !y.done()) {
      // Inserts first, a's before b's: that is the tie rule. An insert of a inside a range
      // b deletes is retained by b', which splits b's delete around it.
      if (x.current() instanceof Ins i) {
        aPrime.insert(i);
        bPrime.retain(i.cps());
        x.consume(i.cps());
        continue;
      }
      if (y.current() instanceof Ins i) {
        aPrime.retain(i.cps());
        bPrime.insert(i);
        y.consume(i.cps());
        continue;
      }
      // Both walk the original document (retain or delete; past the end, infinite retain).
      int m = Math.min(x.size(), y.size());
      boolean aDeletes = x.current() instanceof Del;
      boolean bDeletes = y.current() instanceof Del;
      if (aDeletes && !bDeletes) {
        aPrime.delete(m);
      } else if (bDeletes && !aDeletes) {
        bPrime.delete(m);
      } else if (!aDeletes) {
        aPrime.retain(m);
        bPrime.retain(m);
      }
      // Both deleting: the overlap is gone already on each side, so neither deletes it again.
      x.consume(m);
      y.consume(m);
    }
    return new TextOperation[] {aPrime.trimmed(), bPrime.trimmed()};
  }
}
