package coedit.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Standard codecs. {@link #string()}, {@link #longs()} and {@link #ints()} are
 * order-preserving (unsigned byte order equals value order), so they fit sorted-map subkeys.
 */
public final class Codecs {

  private Codecs() {}

  private static final Codec<String> STRING = new Codec<>() {
    @Override
    public byte[] encode(String value) {
      return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decode(byte[] bytes) {
      try {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw new CodecException("string codec: " + bytes.length + " bytes are not valid UTF-8", e);
      }
    }

    @Override
    public String toString() {
      return "Codecs.string()";
    }
  };

  private static final Codec<Long> LONGS = new Codec<>() {
    @Override
    public byte[] encode(Long value) {
      return ByteBuffer.allocate(8).putLong(value ^ Long.MIN_VALUE).array();
    }

    @Override
    public Long decode(byte[] bytes) {
      if (bytes.length != 8) {
        throw new CodecException("longs codec: expected 8 bytes, got " + bytes.length);
      }
      return ByteBuffer.wrap(bytes).getLong() ^ Long.MIN_VALUE;
    }

    @Override
    public String toString() {
      return "Codecs.longs()";
    }
  };

  private static final Codec<Integer> INTS = new Codec<>() {
    @Override
    public byte[] encode(Integer value) {
      return ByteBuffer.allocate(4).putInt(value ^ Integer.MIN_VALUE).array();
    }

    @Override
    public Integer decode(byte[] bytes) {
      if (bytes.length != 4) {
        throw new CodecException("ints codec: expected 4 bytes, got " + bytes.length);
      }
      return ByteBuffer.wrap(bytes).getInt() ^ Integer.MIN_VALUE;
    }

    @Override
    public String toString() {
      return "Codecs.ints()";
    }
  };

  private static final Codec<byte[]> BYTES = new Codec<>() {
    @Override
    public byte[] encode(byte[] value) {
      return value.clone();
    }

    @Override
    public byte[] decode(byte[] bytes) {
      return bytes.clone();
    }

    @Override
    public String toString() {
      return "Codecs.bytes()";
    }
  };

  /** UTF-8; decoding rejects malformed input. Order-preserving (code point order). */
  public static Codec<String> string() {
    return STRING;
  }

  /** 8 big-endian bytes with the sign bit flipped: order-preserving for all longs. */
  public static Codec<Long> longs() {
    return LONGS;
  }

  /** 4 big-endian bytes with the sign bit flipped: order-preserving for all ints. */
  public static Codec<Integer> ints() {
    return INTS;
  }

  /** The bytes themselves (copied). */
  public static Codec<byte[]> bytes() {
    return BYTES;
  }

  /**
   * Java serialization, checked against {@code type} on decode. A fallback: it is slower and
   * larger than a hand-written codec, and ties stored data to the class's serial form.
   */
  public static <T extends Serializable> Codec<T> serializable(Class<T> type) {
    return new Codec<>() {
      @Override
      public byte[] encode(T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
          oos.writeObject(value);
        } catch (IOException e) {
          throw new CodecException("serializable codec of " + type.getName()
              + ": cannot encode " + value.getClass().getName() + ": " + e, e);
        }
        return out.toByteArray();
      }

      @Override
      public T decode(byte[] bytes) {
        Object o;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
          o = in.readObject();
        } catch (IOException | ClassNotFoundException e) {
          throw new CodecException("serializable codec of " + type.getName()
              + ": cannot decode " + bytes.length + " bytes: " + e, e);
        }
        if (!type.isInstance(o)) {
          throw new CodecException("serializable codec of " + type.getName()
              + ": decoded a " + (o == null ? "null" : o.getClass().getName()));
        }
        return type.cast(o);
      }

      @Override
      public String toString() {
        return "Codecs.serializable(" + type.getName() + ")";
      }
    };
  }
}
