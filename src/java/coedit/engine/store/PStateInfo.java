package coedit.engine.store;

import coedit.engine.Codec;
import coedit.engine.CodecException;
import coedit.engine.Partitioner;
import coedit.engine.topology.Decls;

/** A PState at run time: stored id, shape and codecs (subkey codec null unless sorted map). */
public final class PStateInfo {

  public final String name;
  public final int id;
  public final Decls.Kind kind;
  public final Codec<Object> keyCodec;
  public final Codec<Object> subkeyCodec;
  public final Codec<Object> valueCodec;

  @SuppressWarnings("unchecked")
  public PStateInfo(Decls.PState p, int id) {
    this.name = p.name();
    this.id = id;
    this.kind = p.kind();
    switch (p.kind()) {
      case MAP -> {
        keyCodec = (Codec<Object>) p.map().keyCodec();
        subkeyCodec = null;
        valueCodec = (Codec<Object>) p.map().valueCodec();
      }
      case LIST -> {
        keyCodec = (Codec<Object>) p.list().keyCodec();
        subkeyCodec = null;
        valueCodec = (Codec<Object>) p.list().elementCodec();
      }
      default -> {
        keyCodec = (Codec<Object>) p.sorted().keyCodec();
        subkeyCodec = (Codec<Object>) p.sorted().subkeyCodec();
        valueCodec = (Codec<Object>) p.sorted().valueCodec();
      }
    }
  }

  public int partitionOf(Object key, int partitions) {
    try {
      return Partitioner.partitionOfKey(key, keyCodec, partitions);
    } catch (RuntimeException e) {
      throw new CodecException(name + ": cannot partition key " + key + ": " + e, e);
    }
  }

  public byte[] encode(Codec<Object> codec, Object value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(name + ": " + what + " must not be null");
    }
    try {
      byte[] b = codec.encode(value);
      if (b == null) {
        throw new CodecException(name + ": " + codec + " encoded the " + what + " as null");
      }
      return b;
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CodecException(name + ": cannot encode " + what + " "
          + value.getClass().getName() + " with " + codec + ": " + e, e);
    }
  }

  public Object decode(Codec<Object> codec, byte[] bytes, String what) {
    try {
      return codec.decode(bytes);
    } catch (RuntimeException e) {
      throw new CodecException(name + ": cannot decode stored " + what + " (" + bytes.length
          + " bytes) with " + codec + ": " + e, e);
    }
  }
}
