package coedit.engine;

import java.util.Arrays;

/**
 * The engine's codec toolkit, writing half: appends fixed-width numbers and strings to a
 * growable byte array (big-endian). Module codecs build their values with it and read them
 * back with {@link ByteReader}.
 */
public final class ByteWriter {
  private byte[] buf;
  private int size;

  public ByteWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  public void u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
  }

  public void i32(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  public void i64(long v) {
    i32((int) (v >>> 32));
    i32((int) v);
  }

  /**
   * A nullable string: its char count (-1 for null), then each UTF-16 char in 1 to 3 bytes
   * as CESU-8 does. Unlike standard UTF-8 this round-trips every Java string, unpaired
   * surrogates included, so a malformed text reaches validation exactly as it was sent.
   */
  public void string(String s) {
    if (s == null) {
      i32(-1);
      return;
    }
    int n = s.length();
    i32(n);
    int bytes = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    ensure(bytes);
    if (bytes == n) {
      // All ASCII: one byte per char.
      for (int i = 0; i < n; i++) buf[size + i] = (byte) s.charAt(i);
      size += n;
      return;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[size++] = (byte) c;
      } else if (c < 0x800) {
        buf[size++] = (byte) (0xc0 | (c >> 6));
        buf[size++] = (byte) (0x80 | (c & 0x3f));
      } else {
        buf[size++] = (byte) (0xe0 | (c >> 12));
        buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[size++] = (byte) (0x80 | (c & 0x3f));
      }
    }
  }

  /**
   * A nullable string as its char count (-1 for null), then each UTF-16 char as two bytes
   * (the layout of {@code DataOutputStream.writeChars}): larger than {@link #string} for
   * ASCII, but fixed-width. Also round-trips every Java string.
   */
  public void chars(String s) {
    if (s == null) {
      i32(-1);
      return;
    }
    i32(s.length());
    ensure(2 * s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      buf[size++] = (byte) (c >>> 8);
      buf[size++] = (byte) c;
    }
  }

  public byte[] toBytes() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
  }
}
