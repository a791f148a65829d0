package coedit.engine;

import java.util.Objects;

/**
 * A declared {@code key -> subindexed sorted map} PState, as returned by
 * {@link ModuleBuilder#sortedMap}. Subkeys sort by their encoded bytes (unsigned).
 */
public record SortedMapRef<K, S, V>(
    String name, Codec<K> keyCodec, Codec<S> subkeyCodec, Codec<V> valueCodec) {
  public SortedMapRef {
    Objects.requireNonNull(name, "PState name");
    Objects.requireNonNull(keyCodec, "key codec of " + name);
    Objects.requireNonNull(subkeyCodec, "subkey codec of " + name);
    Objects.requireNonNull(valueCodec, "value codec of " + name);
  }
}
