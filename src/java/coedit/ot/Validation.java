package coedit.ot;

/** The validity rules for one edit; every entry point (Ot, Rope, transform) uses these. */
final class Validation {
  private Validation() {}

  /** Largest document, in code points (offsets are ints). */
  static final long MAX_LENGTH = Integer.MAX_VALUE;

  /**
   * Checks edit {@code index} against a document of {@code length} code points ({@code -1}:
   * unknown, check only the edit itself) and returns how it changes that length.
   *
   * @throws InvalidChangeException naming the edit, the problem and the length
   */
  static int check(int index, Edit edit, long length) {
    if (edit instanceof Insert ins) {
      String text = ins.text();
      if (text == null) throw InvalidChangeException.of(index, edit, "text is null", length);
      if (text.isEmpty()) {
        throw InvalidChangeException.of(index, edit, "text is empty (an insert must add something)", length);
      }
      if (ins.offset() < 0) throw InvalidChangeException.of(index, edit, "offset is negative", length);
      if (length >= 0 && ins.offset() > length) {
        throw InvalidChangeException.of(index, edit,
            "offset " + ins.offset() + " is past the end of the document", length);
      }
      int cps = Texts.codePoints(text);
      if (cps < 0) {
        throw InvalidChangeException.of(index, edit,
            "text has an unpaired surrogate at UTF-16 index " + (-1 - cps) + " (not valid Unicode)", length);
      }
      if (length >= 0 && length + cps > MAX_LENGTH) {
        throw InvalidChangeException.of(index, edit,
            "the document would exceed " + MAX_LENGTH + " code points", length);
      }
      return cps;
    }
    Delete del = (Delete) edit;
    if (del.offset() < 0) throw InvalidChangeException.of(index, edit, "offset is negative", length);
    if (del.length() < 0) throw InvalidChangeException.of(index, edit, "length is negative", length);
    if (del.length() == 0) {
      throw InvalidChangeException.of(index, edit, "length is 0 (an empty delete changes nothing)", length);
    }
    long end = (long) del.offset() + del.length();
    if (length >= 0 && end > length) {
      throw InvalidChangeException.of(index, edit,
          "range [" + del.offset() + ", " + end + ") runs past the end of the document", length);
    }
    return -del.length();
  }

  /** Checks every edit of {@code change} in order against a document of {@code length}. */
  static void check(Change change, long length) {
    if (change == null) throw new InvalidChangeException("the change is null");
    long len = length;
    var edits = change.edits();
    for (int i = 0; i < edits.size(); i++) {
      int delta = check(i, edits.get(i), len);
      if (len >= 0) len += delta;
    }
  }
}
