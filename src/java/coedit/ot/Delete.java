package coedit.ot;

/** Delete the {@code length} code points starting at code point {@code offset}. */
public record Delete(int offset, int length) implements Edit {
  @Override
  public long lengthDelta() {
    return -(long) length;
  }

  @Override
  public String toString() {
    return "Delete(" + offset + ", " + length + ")";
  }
}
