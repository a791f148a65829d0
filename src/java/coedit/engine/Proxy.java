package coedit.engine;

/** A live subscription to one PState path. Closing stops deliveries; idempotent. */
public interface Proxy<T> extends AutoCloseable {

  /** The value at subscription time (value, or list / sorted map size). */
  T initialValue();

  @Override
  void close();
}
