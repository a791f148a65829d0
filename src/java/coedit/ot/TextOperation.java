package coedit.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * ot.js's normalized operation form, used inside {@link Ot} for transform and compose: a
 * walk over the document made of retain (keep n code points), insert (text) and delete
 * (drop n code points) components, followed by an implicit infinite retain, so no base
 * length is needed and trailing retains are never stored.
 *
 * <p>Form kept by the builder methods: no zero-sized component and no two adjacent
 * components of one kind. Unlike ot.js, an insert is never moved across an adjacent delete:
 * the order records the gap of the base document the text sits in ({@code [del 2, ins y]}
 * puts y after the deleted code points, {@code [ins y, del 2]} before them). Both have the
 * same effect, but transform's tie rule orders concurrent inserts by gap, so composing a
 * history and transforming over it once only agrees with transforming over each change in
 * turn when the gaps are kept.
 */
final class TextOperation {

  sealed interface Component permits Retain, Ins, Del {}

  record Retain(int n) implements Component {}

  record Ins(String text, int cps) implements Component {}

  record Del(int n) implements Component {}

  private final List<Component> ops = new ArrayList<>();
  // A trailing insert being extended by more than one piece: its text so far and code points.
  // Kept in a builder so that joining n pieces costs their length, not n copies.
  private StringBuilder growing;
  private int growingCps;

  List<Component> components() {
    settle();
    return ops;
  }

  boolean isNoop() {
    for (Component c : components()) {
      if (!(c instanceof Retain)) return false;
    }
    return true;
  }

  // ---- builder ----

  TextOperation retain(int n) {
    if (n == 0) return this;
    settle();
    if (last() instanceof Retain r) {
      ops.set(ops.size() - 1, new Retain(r.n() + n));
    } else {
      ops.add(new Retain(n));
    }
    return this;
  }

  TextOperation insert(String text, int cps) {
    if (cps == 0) return this;
    if (growing != null) {
      growing.append(text);
      growingCps += cps;
    } else if (last() instanceof Ins i) {
      ops.remove(ops.size() - 1);
      growing = new StringBuilder(i.text().length() + text.length() + 16).append(i.text()).append(text);
      growingCps = i.cps() + cps;
    } else {
      ops.add(new Ins(text, cps));
    }
    return this;
  }

  TextOperation insert(Ins ins) {
    return insert(ins.text(), ins.cps());
  }

  TextOperation delete(int n) {
    if (n == 0) return this;
    settle();
    if (last() instanceof Del d) {
      ops.set(ops.size() - 1, new Del(d.n() + n));
    } else {
      ops.add(new Del(n));
    }
    return this;
  }

  /** Drops a trailing retain: the implicit infinite retain covers it. */
  TextOperation trimmed() {
    settle();
    if (last() instanceof Retain) ops.remove(ops.size() - 1);
    return this;
  }

  /** Turns a growing trailing insert into its component. */
  private void settle() {
    if (growing == null) return;
    ops.add(new Ins(growing.toString(), growingCps));
    growing = null;
  }

  private Component last() {
    return ops.isEmpty() ? null : ops.get(ops.size() - 1);
  }

  // ---- conversion from and to positional changes ----

  /**
   * The operation with the same effect as {@code change}. Checks each edit on its own
   * (no document length is known here). Linear when the edits come in descending,
   * non-overlapping order (what {@link #toChange} and the traces produce); otherwise the
   * edits are composed one by one.
   */
  static TextOperation fromChange(Change change) {
    if (change == null) throw new InvalidChangeException("the change is null");
    List<Edit> edits = change.edits();
    for (int i = 0; i < edits.size(); i++) Validation.check(i, edits.get(i), -1);
    if (isDescending(edits)) {
      TextOperation op = new TextOperation();
      int pos = 0;
      for (int i = edits.size() - 1; i >= 0; i--) {
        Edit e = edits.get(i);
        op.retain(e.offset() - pos);
        if (e instanceof Insert ins) {
          op.insert(ins.text(), Texts.length(ins.text()));
          pos = e.offset();
        } else {
          op.delete(((Delete) e).length());
          pos = e.offset() + ((Delete) e).length();
        }
      }
      return op.trimmed();
    }
    TextOperation op = new TextOperation();
    for (Edit e : edits) op = Compose.compose(op, single(e));
    return op;
  }

  /** Each edit ends at or before the previous one's offset, so all offsets are base offsets. */
  private static boolean isDescending(List<Edit> edits) {
    for (int i = 1; i < edits.size(); i++) {
      Edit e = edits.get(i);
      long end = (long) e.offset() + (e instanceof Delete d ? d.length() : 0);
      if (end > edits.get(i - 1).offset()) return false;
    }
    return true;
  }

  private static TextOperation single(Edit e) {
    TextOperation op = new TextOperation().retain(e.offset());
    if (e instanceof Insert ins) return op.insert(ins.text(), Texts.length(ins.text()));
    return op.delete(((Delete) e).length());
  }

  /**
   * The positional change with this effect: edits in descending offset order, each offset in
   * the base document's coordinates (so applying them in list order is correct). A no-op
   * gives {@link Change#EMPTY}.
   */
  Change toChange() {
    List<Edit> ascending = new ArrayList<>();
    int pos = 0;
    for (Component c : components()) {
      if (c instanceof Retain r) {
        pos += r.n();
      } else if (c instanceof Ins i) {
        ascending.add(new Insert(pos, i.text()));
      } else {
        Del d = (Del) c;
        ascending.add(new Delete(pos, d.n()));
        pos += d.n();
      }
    }
    if (ascending.isEmpty()) return Change.EMPTY;
    List<Edit> descending = new ArrayList<>(ascending.size());
    for (int i = ascending.size() - 1; i >= 0; i--) descending.add(ascending.get(i));
    return new Change(descending);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextOperation t && t.components().equals(components());
  }

  @Override
  public int hashCode() {
    return components().hashCode();
  }

  @Override
  public String toString() {
    return "TextOperation" + components();
  }
}
