package coedit.editor;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;

/**
 * The article's short language for test submissions: {@code A(v, offset, text)} inserts and
 * {@code R(v, offset, length)} removes, each made against version {@code v}.
 */
final class Edits {
  private Edits() {}

  /** A change made against {@code version}. */
  record At(long version, Change change) {}

  static At A(long version, int offset, String text) {
    return new At(version, Change.of(new Insert(offset, text)));
  }

  static At R(long version, int offset, int length) {
    return new At(version, Change.of(new Delete(offset, length)));
  }

  static At at(long version, Edit... edits) {
    return new At(version, Change.of(edits));
  }

  static Change ins(int offset, String text) {
    return Change.of(new Insert(offset, text));
  }

  static Change del(int offset, int length) {
    return Change.of(new Delete(offset, length));
  }
}
