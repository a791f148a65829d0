package coedit.engine;

/**
 * Turns values into bytes and back. Law: {@code decode(encode(v))} equals {@code v}.
 * Codecs are stateless and thread-safe. A failure is reported as a {@link CodecException};
 * the engine adds which depot, PState or record it was encoding.
 */
public interface Codec<T> {

  byte[] encode(T value);

  T decode(byte[] bytes);
}
