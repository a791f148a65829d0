package coedit.engine;



/**
 * The engine's codec toolkit, reading half: reads what {@link ByteWriter} wrote. Running out
 * of bytes, a negative or oversized length, or trailing bytes ({@link #end}) is a
 * {@link CodecException} naming the value and the byte position.
 */
public final class ByteReader {
  private final String what;
  private final byte[] buf;
  private int pos;

  public ByteReader(String what, byte[] buf) {
    this.what = what;
    this.buf = buf;
  }

  public int u8() {
    need(1);
    return buf[pos++] & 0xff;
  }

  public int i32() {
    need(4);
    int v = (buf[pos] & 0xff) << 24 | (buf[pos + 1] & 0xff) << 16 | (buf[pos + 2] & 0xff) << 8
        | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  public long i64() {
    long hi = i32();
    return hi << 32 | (i32() & 0xffffffffL);
  }

  public String string() {
    int n = i32();
    if (n == -1) return null;
    if (n < 0 || n > buf.length - pos) throw bad("string length " + n);
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      need(1);
      int b = buf[pos++] & 0xff;
      if (b < 0x80) {
        out[i] = (char) b;
      } else if (b < 0xe0) {
        need(1);
        out[i] = (char) ((b & 0x1f) << 6 | (buf[pos++] & 0x3f));
      } else {
        need(2);
        out[i] = (char) ((b & 0x0f) << 12 | (buf[pos] & 0x3f) << 6 | (buf[pos + 1] & 0x3f));
        pos += 2;
      }
    }
    return new String(out);
  }

  /** A string written by {@link ByteWriter#chars}. */
  public String chars() {
    int n = i32();
    if (n == -1) return null;
    if (n < 0 || n > (buf.length - pos) / 2) throw bad("string length " + n);
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = (char) ((buf[pos] & 0xff) << 8 | (buf[pos + 1] & 0xff));
      pos += 2;
    }
    return new String(out);
  }

  /** Fails unless every byte was read (a longer value is not this codec's). */
  public void end() {
    if (pos != buf.length) throw bad((buf.length - pos) + " trailing bytes");
  }

  public CodecException bad(String problem) {
    return new CodecException(what + ": " + problem + " at byte " + pos + " of " + buf.length);
  }

  private void need(int n) {
    if (pos + n > buf.length) throw bad("truncated value");
  }
}
