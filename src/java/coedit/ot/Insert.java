package coedit.ot;

/** Insert {@code text} so that it starts at code point {@code offset}. */
public record Insert(int offset, String text) implements Edit {
  @Override
  public long lengthDelta() {
    return text == null ? 0 : Texts.length(text);
  }

  @Override
  public String toString() {
    return "Insert(" + offset + ", " + Texts.quote(text) + ")";
  }
}
