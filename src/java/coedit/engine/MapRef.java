package coedit.engine;

import java.util.Objects;

/** A declared {@code key -> value} PState, as returned by {@link ModuleBuilder#map}. */
public record MapRef<K, V>(String name, Codec<K> keyCodec, Codec<V> valueCodec) {
  public MapRef {
    Objects.requireNonNull(name, "PState name");
    Objects.requireNonNull(keyCodec, "key codec of " + name);
    Objects.requireNonNull(valueCodec, "value codec of " + name);
  }
}
