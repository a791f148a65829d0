package coedit.engine;

import java.util.function.Function;

/**
 * Declares a module's parts. Names carry their kind: depots start with {@code *}
 * ({@code *editDepot}), PStates with {@code $$} ({@code $$history}); queries and topologies
 * are free names. A name may be declared once per kind; a bad or repeated name is an
 * {@link IllegalArgumentException} naming it.
 *
 * <p>Partitioning of PStates: the key {@code k} of every PState lives on partition
 * {@link Partitioner#partitionOfKey(Object, Codec, int)}, the same function depots use for
 * their partition keys. A processor partitioning its depot by a document id and keying its
 * PStates by that id therefore only ever touches its own task's keys; touching another
 * task's key is an {@link IllegalStateException} (reach other partitions through a depot).
 */
public interface ModuleBuilder {

  /**
   * A durable, partitioned, append-only log of records.
   *
   * @param name         {@code *name}
   * @param codec        how records are stored; it must round-trip (decode(encode(r)) equals r)
   * @param partitionKey picks the key whose {@link Partitioner#canonicalBytes canonical bytes}
   *                     choose the partition; must be deterministic and never return null
   */
  <R> DepotRef<R> depot(String name, Codec<R> codec, Function<? super R, ?> partitionKey);

  /** PState {@code key -> value}. */
  <K, V> MapRef<K, V> map(String name, Codec<K> keyCodec, Codec<V> valueCodec);

  /** PState {@code key -> subindexed list}: elements stored one by one, indexes from 0. */
  <K, V> ListRef<K, V> list(String name, Codec<K> keyCodec, Codec<V> elementCodec);

  /**
   * PState {@code key -> subindexed sorted map}. Subkeys sort by the unsigned lexicographic
   * order of their encoded bytes, so {@code subkeyCodec} must be order-preserving
   * (e.g. {@link Codecs#longs()}, {@link Codecs#string()}).
   */
  <K, S, V> SortedMapRef<K, S, V> sortedMap(
      String name, Codec<K> keyCodec, Codec<S> subkeyCodec, Codec<V> valueCodec);

  /**
   * A stream topology: every record of {@code depot} is processed, once, by the processor of
   * the task owning the record's partition. {@code supplier} is called once per task.
   * Several topologies may subscribe to one depot; they run in declaration order per record.
   */
  <R> void stream(String topology, DepotRef<R> depot, ProcessorSupplier<R> supplier);

  /**
   * A query topology: {@code handler} runs on the task owning
   * {@code partitionKey.apply(args)}, between events, so it reads all PStates atomically.
   */
  <A, T> QueryRef<A, T> query(
      String name, Function<? super A, ?> partitionKey, QueryHandler<A, T> handler);
}
