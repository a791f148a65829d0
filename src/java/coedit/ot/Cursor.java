package coedit.ot;

import coedit.ot.TextOperation.Component;
import coedit.ot.TextOperation.Del;
import coedit.ot.TextOperation.Ins;
import coedit.ot.TextOperation.Retain;
import java.util.List;

/**
 * Walks an operation's components, allowing a component to be consumed in parts. Past the
 * last component it reports the implicit infinite retain: {@link #current()} is null and
 * {@link #size()} is {@link Integer#MAX_VALUE}.
 */
final class Cursor {
  private final List<Component> ops;
  private int index;
  private Component current;

  Cursor(TextOperation op) {
    this.ops = op.components();
    this.current = ops.isEmpty() ? null : ops.get(0);
  }

  /** The (remaining part of the) current component, or null once past the end. */
  Component current() {
    return current;
  }

  boolean done() {
    return current == null;
  }

  /** Code points the current component spans (retain, delete) or adds (insert). */
  int size() {
    if (current instanceof Retain r) return r.n();
    if (current instanceof Del d) return d.n();
    if (current instanceof Ins i) return i.cps();
    return Integer.MAX_VALUE;
  }

  /** Consumes the first {@code m} code points ({@code 0 < m <= size()}) of the current component. */
  void consume(int m) {
    if (current == null) return;
    int size = size();
    if (m == size) {
      index++;
      current = index < ops.size() ? ops.get(index) : null;
    } else if (current instanceof Retain) {
      current = new Retain(size - m);
    } else if (current instanceof Del) {
      current = new Del(size - m);
    } else {
      String text = ((Ins) current).text();
      current = new Ins(text.substring(text.offsetByCodePoints(0, m)), size - m);
    }
  }

  /** The first {@code m} code points of an insert's text. */
  static String prefix(Ins ins, int m) {
    return m == ins.cps() ? ins.text() : ins.text().substring(0, ins.text().offsetByCodePoints(0, m));
  }
}
