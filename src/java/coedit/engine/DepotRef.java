package coedit.engine;

import java.util.Objects;
import java.util.function.Function;

/**
 * A declared depot, as returned by {@link ModuleBuilder#depot}: name, record codec and
 * partition key. Used to append from a processor ({@link TaskContext#append}) and to get a
 * typed client ({@link ModuleInstance#depot(DepotRef)}).
 */
public record DepotRef<R>(String name, Codec<R> codec, Function<? super R, ?> partitionKey) {
  public DepotRef {
    Objects.requireNonNull(name, "depot name");
    Objects.requireNonNull(codec, "codec of depot " + name);
    Objects.requireNonNull(partitionKey, "partition key of depot " + name);
  }
}
