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
 *
 * <p>An insert consumed in parts keeps its text and an offset into it, so taking a long
 * insert apart piece by piece ({@link #insertPrefix}) costs the length of the pieces, not a
 * copy of the rest per piece: composing text-heavy operations stays linear.
 */
final class Cursor {
  private final List<Component> ops;
  private int index;
  private Component current;
  private int insFrom; // for an insert: UTF-16 index of its first unconsumed char
  private int insLeft; // for an insert: code points not yet consumed

  Cursor(TextOperation op) {
    this.ops = op.components();
    enter(ops.isEmpty() ? null : ops.get(0));
  }

  /**
   * The (remaining part of the) current component, or null once past the end. For an insert
   * consumed in part this copies the rest of its text: callers that take inserts apart use
   * {@link #atInsert} and {@link #insertPrefix} instead.
   */
  Component current() {
    if (current instanceof Ins i && insFrom > 0) return new Ins(i.text().substring(insFrom), insLeft);
    return current;
  }

  boolean done() {
    return current == null;
  }

  boolean atInsert() {
    return current instanceof Ins;
  }

  boolean atDelete() {
    return current instanceof Del;
  }

  /** Code points the current component spans (retain, delete) or adds (insert). */
  int size() {
    if (current instanceof Retain r) return r.n();
    if (current instanceof Del d) return d.n();
    if (current instanceof Ins) return insLeft;
    return Integer.MAX_VALUE;
  }

  /** The first {@code m} unconsumed code points ({@code 0 < m <= size()}) of the current insert. */
  String insertPrefix(int m) {
    String text = ((Ins) current).text();
    if (insFrom == 0 && m == insLeft) return text;
    return text.substring(insFrom, text.offsetByCodePoints(insFrom, m));
  }

  /** Consumes the first {@code m} code points ({@code 0 < m <= size()}) of the current component. */
  void consume(int m) {
    if (current == null) return;
    int size = size();
    if (m == size) {
      index++;
      enter(index < ops.size() ? ops.get(index) : null);
    } else if (current instanceof Retain) {
      current = new Retain(size - m);
    } else if (current instanceof Del) {
      current = new Del(size - m);
    } else {
      insFrom = ((Ins) current).text().offsetByCodePoints(insFrom, m);
      insLeft -= m;
    }
  }

  private void enter(Component c) {
    current = c;
    insFrom = 0;
    insLeft = c instanceof Ins i ? i.cps() : 0;
  }
}
