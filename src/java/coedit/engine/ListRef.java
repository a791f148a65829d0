package coedit.engine;

import java.util.Objects;

/** A declared {@code key -> subindexed list} PState, as returned by {@link ModuleBuilder#list}. */
public record ListRef<K, V>(String name, Codec<K> keyCodec, Codec<V> elementCodec) {
  public ListRef {
    Objects.requireNonNull(name, "PState name");
    Objects.requireNonNull(keyCodec, "key codec of " + name);
    Objects.requireNonNull(elementCodec, "element codec of " + name);
  }
}
